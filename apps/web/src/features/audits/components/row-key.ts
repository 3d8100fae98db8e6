/** One resource's identity across rows, selections and fix plans. */
export const rowKey = (r: { resource_type: string; resource_id: string }) => `${r.resource_type}:${r.resource_id}`;
