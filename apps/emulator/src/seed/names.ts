import type { RandomSource } from '../common/random';
import type { ResourceType } from '@portico/api-types/upstream';

const subjects = [
  'Sales',
  'Orders',
  'Revenue',
  'Churn',
  'Inventory',
  'Returns',
  'Campaign reach',
  'Support tickets',
  'Logistics cost',
  'Store traffic',
  'Margin',
  'Payments',
];
const cuts = [
  'by region',
  'by channel',
  'by product line',
  'by store',
  'by customer segment',
  'trend',
  'overview',
  'vs. target',
];
const periods = ['Q1', 'Q2', 'Q3', 'Q4', 'FY2026', 'weekly', 'monthly', 'YTD'];
const tables = [
  'orders',
  'order_items',
  'customers',
  'products',
  'stores',
  'payments',
  'shipments',
  'returns',
  'campaigns',
  'tickets',
  'inventory',
  'suppliers',
];
const layers = ['ods', 'dwd', 'dws', 'ads', 'dim'];
const engines = ['mysql', 'postgresql', 'dws', 'hive', 'clickhouse', 'oracle'];
const envs = ['prod', 'staging', 'analytics', 'finance'];

/** Realistic names per resource type ("Sales by region Q3", "ods_orders", "MySQL - orders (prod)"). */
export function resourceName(random: RandomSource, type: ResourceType): string {
  switch (type) {
    case 'dashboard':
    case 'embedAnalysis':
      return `${random.pick(subjects)} ${random.pick(cuts)} ${random.pick(periods)}`;
    case 'screen':
      return `${random.pick(subjects)} command center ${random.pick(periods)}`;
    case 'dataset':
      return `${random.pick(layers)}_${random.pick(tables)}${random.next() < 0.4 ? `_${random.pick(['daily', 'agg', 'snapshot', 'di', 'df'])}` : ''}`;
    case 'datasource':
      return `${random.pick(engines)} - ${random.pick(tables)} (${random.pick(envs)})`;
    case 'metric':
      return `${random.pick(subjects)} ${random.pick(['rate', 'total', 'average', 'growth'])}`;
    case 'portal':
      return `${random.pick(['Finance', 'Retail', 'Operations', 'Executive'])} portal`;
    case 'subject':
      return `${random.pick(subjects)} assistant`;
  }
}

export const connectionKind = (random: RandomSource): string => random.pick(engines);
