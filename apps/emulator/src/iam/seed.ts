import { demo } from '../demo';
import type { IamState } from './state';

export function seedIam(): IamState {
  const user = (id: string, name: string, password: string, roles: string[], enabled = true) => ({
    id,
    name,
    password,
    enabled,
    roles: roles.map((r, i) => ({ id: `${id.slice(0, 24)}${String(i).padStart(8, '0')}`, name: r })),
  });
  return {
    domain: { id: demo.domainId, name: demo.domainName },
    projects: [{ id: demo.projectId, name: demo.region }],
    users: [
      user('7116d09f88fa41908676fdd4b039e951', demo.users.admin.name, demo.users.admin.password, [
        'te_admin',
        'op_fine_grained',
      ]),
      user('7116d09f88fa41908676fdd4b039e952', demo.users.operator.name, demo.users.operator.password, [
        'te_agency',
        'op_fine_grained',
      ]),
      user('7116d09f88fa41908676fdd4b039e953', demo.users.auditor.name, demo.users.auditor.password, ['readonly']),
      user('7116d09f88fa41908676fdd4b039e954', demo.disabledUser.name, demo.disabledUser.password, ['readonly'], false),
    ],
    tokens: {},
  };
}
