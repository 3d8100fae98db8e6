import { resourceTypeSchema, type StartAuditRequest } from '@portico/api-types';

export type ExtraResources = StartAuditRequest['extra_resources'];

/** `type:id` per line (or comma), for types with no list API; returns the bad lines too. */
export function parseExtraIds(text: string): { resources: ExtraResources; invalid: string[] } {
  const resources: ExtraResources = [];
  const invalid: string[] = [];
  for (const raw of text.split(/[\n,]/)) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf(':');
    const type = resourceTypeSchema.safeParse(line.slice(0, at).trim());
    const id = line.slice(at + 1).trim();
    if (at < 1 || !type.success || !id) invalid.push(line);
    else resources.push({ resource_type: type.data, resource_id: id });
  }
  return { resources, invalid };
}
