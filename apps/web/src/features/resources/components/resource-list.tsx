import type { ListableResourceType, ResourceSummary } from '@portico/api-types';
import { useEffect, useMemo, useState } from 'react';
import { ErrorPanel } from '../../../components/ui/error-panel';
import { SearchBox } from '../../../components/ui/search-box';
import { VirtualList } from '../../../components/ui/virtual-list';
import { useT } from '../../../i18n/i18n';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useResources } from '../api/list-resources';
import { refKey, type PickedResource } from '../hooks/use-picker-url-state';

export function ResourceList({
  workspaceId,
  type,
  search,
  onSearch,
  selection,
  onSelectionChange,
  onOpen,
  openId,
  listHeight,
}: {
  workspaceId: string | undefined;
  type: ListableResourceType;
  search: string;
  onSearch: (q: string) => void;
  selection: PickedResource[];
  onSelectionChange: (next: PickedResource[]) => void;
  onOpen?: (ref: PickedResource) => void;
  openId?: string;
  listHeight?: number;
}) {
  const { t, formatDate } = useT();
  const [draft, setDraft] = useState(search);
  // Ask the server only once typing pauses.
  const settled = useDebouncedValue(draft.trim());
  useEffect(() => {
    if (settled !== search) onSearch(settled);
  }, [settled, search, onSearch]);

  const query = useResources({ workspaceId, type, search });
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const total = query.data?.pages[0]?.total ?? 0;
  const selected = useMemo(() => new Set(selection.map(refKey)), [selection]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const loadMore = useMemo(
    () => () => {
      if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
    },
    [hasNextPage, isFetchingNextPage, fetchNextPage],
  );

  const toggle = (r: ResourceSummary) => {
    const ref = { resource_type: r.resource_type, resource_id: r.id };
    onSelectionChange(
      selected.has(refKey(ref)) ? selection.filter((s) => refKey(s) !== refKey(ref)) : [...selection, ref],
    );
  };

  return (
    <div className="space-y-2">
      <SearchBox
        label={t('picker.search')}
        value={draft}
        onChange={setDraft}
        status={query.data ? t('picker.total', { count: total }) : t('common.loading')}
      />
      {query.error && <ErrorPanel error={query.error} />}
      {query.data && items.length === 0 && <p className="text-sm">{t('picker.empty')}</p>}
      {items.length > 0 && (
        <VirtualList
          label={t('picker.list', { type: t(`type.${type}`) })}
          items={items}
          total={total}
          height={listHeight}
          getKey={(r) => r.id}
          onNearEnd={loadMore}
          footer={isFetchingNextPage ? <p className="p-2 text-xs">{t('picker.loadingMore')}</p> : null}
          renderRow={(r) => {
            const checkbox = (
              <input
                type="checkbox"
                aria-label={t('picker.select', { name: r.name })}
                checked={selected.has(`${r.resource_type}:${r.id}`)}
                onChange={() => toggle(r)}
              />
            );
            return (
              <div className={`flex w-full items-center gap-2 text-sm ${openId === r.id ? 'font-semibold' : ''}`}>
                {onOpen ? (
                  <>
                    {checkbox}
                    <button
                      type="button"
                      className="truncate text-left text-blue-700 hover:underline dark:text-blue-300"
                      aria-label={t('picker.open', { name: r.name })}
                      aria-current={openId === r.id ? 'true' : undefined}
                      onClick={() => onOpen({ resource_type: r.resource_type, resource_id: r.id })}
                    >
                      {r.name}
                    </button>
                  </>
                ) : (
                  // Nothing to open: the whole name picks the row, as a checkbox's label does.
                  <label className="flex min-w-0 flex-1 cursor-pointer items-center gap-2">
                    {checkbox}
                    <span className="truncate">{r.name}</span>
                  </label>
                )}
                <span className="ml-auto shrink-0 text-xs text-slate-500 dark:text-slate-400">
                  {r.update_user_name ?? ''}{' '}
                  {/* On a phone the name needs the room; the permissions panel shows the date. */}
                  <span className="hidden sm:inline">{r.update_date ? formatDate(r.update_date) : ''}</span>
                </span>
              </div>
            );
          }}
        />
      )}
    </div>
  );
}
