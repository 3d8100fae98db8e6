import type { ServiceContext } from '../context';
import { demoRomaInstanceId } from './demo-instance';
import type { RomaApplication, RomaState, RomaTask } from './state';

const seededApps = [
  ['order-sync', 'Synchronises orders from the shop to the ERP'],
  ['iot-telemetry', 'Collects device telemetry'],
  ['hr-directory', 'Publishes the staff directory'],
] as const;

/** A few applications and tasks so imports can collide and exports have something to take. */
export function seedRoma(ctx: ServiceContext): RomaState {
  const applications: RomaApplication[] = seededApps.map(([name, description]) => ({
    id: ctx.newId(),
    name,
    description,
  }));
  const tasks: RomaTask[] = [
    { id: ctx.newId(), name: 'orders-to-erp', application: 'order-sync', datasources: ['shop-mysql', 'erp-oracle'] },
    { id: ctx.newId(), name: 'refunds-to-erp', application: 'order-sync', datasources: ['shop-mysql'] },
    {
      id: ctx.newId(),
      name: 'telemetry-to-obs',
      application: 'iot-telemetry',
      datasources: ['mqtt-broker', 'obs-archive'],
    },
    { id: ctx.newId(), name: 'staff-to-ldap', application: 'hr-directory', datasources: ['hr-postgres'] },
  ];
  const datasources = [...new Set(tasks.flatMap((t) => t.datasources))];
  return {
    instances: { [demoRomaInstanceId]: { applications, tasks, datasources, jobs: [], archives: [] } },
  };
}
