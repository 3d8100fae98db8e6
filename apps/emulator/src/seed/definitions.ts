import type { RandomSource } from '../common/random';
import type { ResourceType } from '@portico/api-types/upstream';

const columns = [
  'order_id',
  'region',
  'channel',
  'amount',
  'quantity',
  'customer_id',
  'store_id',
  'order_date',
  'status',
];

/** The exported body of a resource; datasets carry row and tag permissions. */
export function definitionFor(
  random: RandomSource,
  type: ResourceType,
  users: readonly string[],
): Record<string, unknown> {
  switch (type) {
    case 'dataset': {
      const fields = columns
        .filter(() => random.next() < 0.7)
        .map((name) => ({
          name,
          type: name.endsWith('_date') ? 'date' : name === 'amount' || name === 'quantity' ? 'number' : 'string',
        }));
      return {
        fields,
        row_permissions: [
          { user_name: random.pick(users), condition: `region = '${random.pick(['North', 'South', 'East', 'West'])}'` },
        ],
        tag_permissions: [
          { tag: random.pick(['pii', 'finance', 'internal']), users: [random.pick(users), random.pick(users)] },
        ],
      };
    }
    case 'datasource':
      return {
        host: `10.0.${random.int(0, 255)}.${random.int(1, 255)}`,
        port: random.pick([3306, 5432, 8000, 10000]),
        database: random.pick(['sales', 'dw', 'crm']),
      };
    case 'dashboard':
    case 'screen':
    case 'embedAnalysis':
      return {
        widgets: Array.from({ length: random.int(2, 7) }, (_, i) => ({
          id: `w${i + 1}`,
          chart: random.pick(['bar', 'line', 'pie', 'table', 'kpi', 'map']),
        })),
      };
    default:
      return { config: { version: 1 } };
  }
}
