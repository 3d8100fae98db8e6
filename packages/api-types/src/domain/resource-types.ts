import { z } from 'zod';

/** Every DataArts Insight `resource_type`, as the provider spells it. */
export const resourceTypes = [
  'datasource',
  'dataset',
  'metric',
  'dashboard',
  'screen',
  'embedAnalysis',
  'portal',
  'subject',
] as const;

export const resourceTypeSchema = z.enum(resourceTypes);
export type ResourceType = z.infer<typeof resourceTypeSchema>;

/** A resource package may hold every type but `portal`. */
export const exportableResourceTypeSchema = resourceTypeSchema.exclude(['portal']);
export type ExportableResourceType = z.infer<typeof exportableResourceTypeSchema>;

/** Types that the provider documents a list API for; the others are entered by ID. */
export const listableResourceTypes = ['dashboard', 'screen', 'datasource', 'dataset'] as const;
export const listableResourceTypeSchema = z.enum(listableResourceTypes);
export type ListableResourceType = z.infer<typeof listableResourceTypeSchema>;

export function isListableResourceType(type: ResourceType): type is ListableResourceType {
  return (listableResourceTypes as readonly string[]).includes(type);
}
