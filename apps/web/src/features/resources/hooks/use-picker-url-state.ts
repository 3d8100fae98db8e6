import { resourceTypeSchema, type ResourceType } from '@portico/api-types';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export interface PickedResource {
  resource_type: ResourceType;
  resource_id: string;
}

/** Tab order: the types operators open most, and those upstream can list, first. */
export const pickerTypeOrder: readonly ResourceType[] = [
  'dashboard',
  'screen',
  'dataset',
  'datasource',
  'metric',
  'embedAnalysis',
  'portal',
  'subject',
];

export const pickerParams = { type: 'type', search: 'q', selection: 'sel', open: 'open' } as const;

const encodeRef = (r: PickedResource) => `${r.resource_type}:${encodeURIComponent(r.resource_id)}`;

export function decodeRef(value: string): PickedResource | undefined {
  const i = value.indexOf(':');
  const type = resourceTypeSchema.safeParse(value.slice(0, i));
  if (i < 1 || !type.success) return undefined;
  return { resource_type: type.data, resource_id: decodeURIComponent(value.slice(i + 1)) };
}

export const refKey = (r: PickedResource) => `${r.resource_type}:${r.resource_id}`;

/** Type tab, search, selection and the opened resource, all in the URL so reloads and links keep them. */
export function usePickerUrlState(types: readonly ResourceType[] = pickerTypeOrder) {
  const [params, setParams] = useSearchParams();
  const rawType = resourceTypeSchema.safeParse(params.get(pickerParams.type));
  const type: ResourceType = rawType.success && types.includes(rawType.data) ? rawType.data : (types[0] ?? 'dashboard');
  const search = params.get(pickerParams.search) ?? '';
  const selRaw = params.get(pickerParams.selection) ?? '';
  const selection = useMemo(
    () =>
      selRaw
        .split(',')
        .filter(Boolean)
        .map(decodeRef)
        .filter((r): r is PickedResource => r !== undefined),
    [selRaw],
  );
  const openRaw = params.get(pickerParams.open) ?? '';
  // Stable while the URL's pick is, so what is derived from it (its known name) is not redone.
  const open = useMemo(() => decodeRef(openRaw), [openRaw]);

  const update = useCallback(
    (changes: Record<string, string | undefined>, replace = false) =>
      setParams(
        (p) => {
          for (const [k, v] of Object.entries(changes)) {
            if (v) p.set(k, v);
            else p.delete(k);
          }
          return p;
        },
        { replace },
      ),
    [setParams],
  );

  const setSelection = useCallback(
    (next: PickedResource[]) => update({ [pickerParams.selection]: next.map(encodeRef).join(',') }, true),
    [update],
  );

  // Stable, so the search debounce is not restarted by unrelated re-renders.
  const setSearch = useCallback((q: string) => update({ [pickerParams.search]: q }, true), [update]);

  return {
    type,
    search,
    selection,
    open,
    setType: (t: ResourceType) => update({ [pickerParams.type]: t, [pickerParams.search]: undefined }),
    setSearch,
    setSelection,
    setOpen: (r: PickedResource | undefined) => update({ [pickerParams.open]: r ? encodeRef(r) : undefined }),
    /** Adds to the selection and, optionally, opens it: one URL update, so neither is lost. */
    addAndOpen: (r: PickedResource, open: boolean) => {
      const next = selection.some((s) => refKey(s) === refKey(r)) ? selection : [...selection, r];
      update({
        [pickerParams.selection]: next.map(encodeRef).join(','),
        ...(open ? { [pickerParams.open]: encodeRef(r) } : {}),
      });
    },
  };
}
