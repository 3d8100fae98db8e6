/**
 * The id of a dashboard whose collaboration switches the emulator holds, found through the BFF
 * (`GET /api/insight/permissions` answers 200 for it): a read of one without would measure the
 * 404 path.
 */
export async function dashboardWithPermissions(bffUrl: string, bffHeaders: Record<string, string>): Promise<string> {
  const list = await fetch(`${bffUrl}/api/insight/resources?type=dashboard&limit=20`, { headers: bffHeaders });
  const { items } = (await list.json()) as { items: { id: string }[] };
  for (const { id } of items) {
    const q = new URLSearchParams({ resource_id: id, resource_type: 'dashboard' });
    const probe = await fetch(`${bffUrl}/api/insight/permissions?${q}`, { headers: bffHeaders });
    await probe.arrayBuffer();
    if (probe.status === 200) return id;
  }
  throw new Error('no dashboard with collaboration switches in the emulator');
}
