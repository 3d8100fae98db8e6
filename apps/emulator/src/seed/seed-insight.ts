import { normaliseAuthSwitchConfig, switchesByResourceType, type ResourceType } from '@portico/api-types/upstream';
import { demo } from '../demo';
import type { SeedOptions, ServiceContext } from '../context';
import type { InsightResource, InsightState } from '../insight/state';
import { definitionFor } from './definitions';
import { connectionKind, resourceName } from './names';
import { seedUsers } from './seed-users';

const day = 24 * 60 * 60 * 1000;
/** Dates are spread over the year before this instant, so a seed gives the same data any day. */
const seedEpoch = Date.UTC(2026, 10, 1);

/** Shares of each type among generated resources. */
const mix: [ResourceType, number][] = [
  ['dataset', 0.34],
  ['dashboard', 0.3],
  ['screen', 0.14],
  ['datasource', 0.1],
  ['metric', 0.05],
  ['embedAnalysis', 0.03],
  ['portal', 0.02],
  ['subject', 0.02],
];

function pickType(x: number): ResourceType {
  let acc = 0;
  for (const [type, share] of mix) {
    acc += share;
    if (x < acc) return type;
  }
  return 'dataset';
}

/** Varied switches; about one dataset in five gets `edit` (an audit must find those). */
function switchesFor(ctx: ServiceContext, type: ResourceType): Record<string, boolean> {
  const raw: Record<string, boolean> = {};
  for (const s of switchesByResourceType[type]) raw[s] = ctx.random.next() < (s === 'edit' ? 0.2 : 0.5);
  return normaliseAuthSwitchConfig(type, raw);
}

export function seedInsight(ctx: ServiceContext, options: SeedOptions): InsightState {
  const state: InsightState = {
    instanceId: demo.insightInstanceId,
    projectId: demo.projectId,
    workspaces: [
      {
        id: demo.insightWorkspaceId,
        name: 'Default workspace',
        description: 'Seeded default workspace',
        is_default: true,
        owner_name: 'demo-admin',
        create_time: seedEpoch - 400 * day,
        update_time: seedEpoch - 30 * day,
      },
      {
        id: demo.insightSecondWorkspaceId,
        name: 'Finance analytics',
        description: 'Second seeded workspace',
        is_default: false,
        owner_name: 'demo-operator',
        create_time: seedEpoch - 200 * day,
        update_time: seedEpoch - 10 * day,
      },
    ],
    resources: [],
    properties: {},
  };
  const used = new Set<string>();
  const add = (workspaceId: string, type: ResourceType, fixedId?: string) => {
    let name = resourceName(ctx.random, type);
    for (let n = 2; used.has(`${workspaceId}/${type}/${name}`); n += 1) name = `${resourceName(ctx.random, type)} ${n}`;
    used.add(`${workspaceId}/${type}/${name}`);
    const creator = ctx.random.pick(seedUsers);
    const owner = ctx.random.next() < 0.8 ? creator : ctx.random.pick(seedUsers);
    const updater = ctx.random.pick(seedUsers);
    const created = seedEpoch - ctx.random.int(1, 365) * day - ctx.random.int(0, day);
    const updated = Math.min(seedEpoch, created + ctx.random.int(0, 120) * day + ctx.random.int(0, day));
    const kind =
      type === 'datasource'
        ? connectionKind(ctx.random)
        : type === 'dataset'
          ? ctx.random.next() < 0.7
            ? 'table'
            : 'sql'
          : '';
    const r: InsightResource = {
      id: fixedId ?? ctx.newUuid(),
      workspace_id: workspaceId,
      resource_type: type,
      name,
      description: ctx.random.next() < 0.6 ? `${name} — maintained by ${owner.name}` : '',
      owner: owner.id,
      create_user: creator.id,
      create_user_name: creator.name,
      create_date: created,
      update_user_name: updater.name,
      update_date: updated,
      status: ctx.random.next() < 0.85 ? 'published' : 'draft',
      kind,
      definition: definitionFor(
        ctx.random,
        type,
        seedUsers.map((u) => u.name),
      ),
    };
    state.resources.push(r);
    state.properties[r.id] = {
      id: ctx.newUuid(),
      project_id: demo.projectId,
      workspace_id: workspaceId,
      resource_id: r.id,
      resource_type: type,
      owner: owner.id,
      auth_switch_config: switchesFor(ctx, type),
      create_date: created,
      create_user: creator.id,
      create_user_name: creator.name,
      update_date: updated,
      update_user: updater.id,
      update_user_name: updater.name,
    };
  };
  for (const [type, id] of Object.entries(demo.insightUnlistedResources)) {
    add(demo.insightWorkspaceId, type as ResourceType, id);
  }
  // Every listable type exists even in a tiny seed.
  for (const type of ['datasource', 'dataset', 'dashboard', 'screen'] as const) add(demo.insightWorkspaceId, type);
  for (let i = state.resources.length; i < options.resources; i += 1)
    add(demo.insightWorkspaceId, pickType(ctx.random.next()));
  for (let i = 0; i < 24; i += 1) add(demo.insightSecondWorkspaceId, pickType(ctx.random.next()));
  return state;
}
