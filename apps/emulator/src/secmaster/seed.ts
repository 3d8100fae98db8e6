import type { ServiceContext } from '../context';
import type { Workflow } from '@portico/api-types/upstream';
import { demoSecmasterWorkspaceId } from './demo-workspace';
import type { SecmasterState, StoredWorkflow } from './state';

const aopTypes: readonly Workflow['aop_type'][] = ['NORMAL', 'SURVEY', 'HEMOSTASIS', 'EASE'];

const subjects = [
  'Brute-force login',
  'Malicious IP access',
  'Web shell upload',
  'Ransomware indicator',
  'Phishing email',
  'Data exfiltration',
  'Privilege escalation',
  'Suspicious DNS tunnel',
  'Crypto-mining process',
  'Abnormal API calls',
  'Leaked access key',
  'Port scan',
  'SQL injection attempt',
  'Unpatched vulnerability',
  'Disabled audit log',
];
const verbs: Record<Workflow['aop_type'], string> = {
  NORMAL: 'Handle',
  SURVEY: 'Investigate',
  HEMOSTASIS: 'Contain',
  EASE: 'Remediate',
};
const plugins = ['ecs', 'vpc', 'waf', 'iam', 'smn', 'hss', 'obs'];

/** A few dozen playbook workflows across every `aop_type`, some disabled. */
export function seedSecmaster(ctx: ServiceContext): SecmasterState {
  const workflows: StoredWorkflow[] = [];
  const start = Date.UTC(2026, 0, 5, 8, 0, 0);
  const owner = ctx.newId();
  subjects.forEach((subject, i) => {
    for (const aop of aopTypes.slice(0, 2 + (i % 3))) {
      const created = start + workflows.length * 3_600_000 * 7;
      const versionId = ctx.newId();
      workflows.push({
        workflow: {
          id: ctx.newId(),
          name: `${verbs[aop]} ${subject.toLowerCase()}`,
          description: `${verbs[aop]} alerts of type "${subject}".`,
          enabled: ctx.random.next() > 0.25,
          aop_type: aop,
          engine_type: 'public_engine',
          version_id: versionId,
          owner_id: owner,
          creator_id: owner,
          workspace_id: demoSecmasterWorkspaceId,
          project_id: '',
          dataclass_id: ctx.newId(),
          create_time: new Date(created).toISOString(),
          update_time: new Date(created + ctx.random.int(0, 30) * 86_400_000).toISOString(),
        },
        definition: {
          version: { id: versionId, name: `v${1 + (i % 4)}`, status: 'activated' },
          triggers: [{ type: 'alert', condition: `alert.type == "${subject}"` }],
          actions: Array.from({ length: 1 + ctx.random.int(0, 4) }, (_, n) => ({
            id: ctx.newId(),
            name: `step ${n + 1}`,
            plugin: ctx.random.pick(plugins),
          })),
        },
      });
    }
  });
  return { workspaces: { [demoSecmasterWorkspaceId]: { workflows } } };
}
