import { isListableResourceType, type ResourceType } from '@portico/api-types';
import { Tabs } from '../../../components/ui/tabs';
import { useT } from '../../../i18n/i18n';
import { useWorkspaceId } from '../../../lib/use-workspace-id';
import { pickerTypeOrder, usePickerUrlState, type PickedResource } from '../hooks/use-picker-url-state';
import { ResourceIdEntry } from './resource-id-entry';
import { ResourceList } from './resource-list';
import { SelectionBar } from './selection-bar';

/**
 * Picks DataArts Insight resources: a tab per type, server-side search, a virtual list, and
 * ID entry for the types upstream cannot list. Everything it holds lives in the URL.
 */
export function ResourcePicker({
  types = pickerTypeOrder,
  onOpen,
  listHeight,
}: {
  types?: readonly ResourceType[];
  /** Pixel height of the list; shorter where a form follows the picker. */
  listHeight?: number;
  /** When given, each name opens the resource (e.g. its permissions) besides selecting it. */
  onOpen?: (ref: PickedResource) => void;
}) {
  const { t } = useT();
  const workspaceId = useWorkspaceId();
  const state = usePickerUrlState(types);
  const tabs = types.map((id) => ({ id, label: t(`type.${id}`) }));
  return (
    <section className="space-y-3">
      <Tabs label={t('picker.typeTabs')} tabs={tabs} value={state.type} onChange={state.setType} />
      <SelectionBar selection={state.selection} onChange={state.setSelection} />
      {isListableResourceType(state.type) ? (
        <ResourceList
          key={`${state.type}-${workspaceId ?? ''}`}
          workspaceId={workspaceId}
          type={state.type}
          search={state.search}
          onSearch={state.setSearch}
          selection={state.selection}
          onSelectionChange={state.setSelection}
          onOpen={onOpen}
          openId={state.open?.resource_id}
          listHeight={listHeight}
        />
      ) : (
        <ResourceIdEntry
          key={state.type}
          workspaceId={workspaceId}
          type={state.type}
          onAdd={(ref) => state.addAndOpen(ref, Boolean(onOpen))}
        />
      )}
    </section>
  );
}
