import { demoRomaInstanceId } from './roma/demo-instance';
import { demoSecmasterWorkspaceId } from './secmaster/demo-workspace';

/**
 * Fixed identities of the seeded data, so docs, e2e and BFF tests can name them. The seed uses
 * these constants whatever the PRNG seed is.
 */
export const demo = {
  region: 'cn-north-4',
  domainName: 'portico-demo',
  domainId: 'a1d0c0de5e2b4b7f9c3e8d6f1a2b3c4d',
  projectId: '0a7f5c3e9d2b4c8e8f1a6b3d5c7e9f20',
  insightInstanceId: 'b7e4c2a9-5d31-4f8e-9a6c-2e1d7f3b8c50',
  insightWorkspaceId: '66a2c96809ad4f62ba09e6b6eeaa2146',
  insightSecondWorkspaceId: '5b1e8d3f7a2c4e9db6f0c1a8e3d5b7f2',
  secmasterWorkspaceId: demoSecmasterWorkspaceId,
  romaInstanceId: demoRomaInstanceId,
  users: {
    admin: { name: 'demo-admin', password: 'Admin#Portico2026' },
    operator: { name: 'demo-operator', password: 'Operator#Portico2026' },
    auditor: { name: 'demo-auditor', password: 'Auditor#Portico2026' },
  },
  /** A user who exists but is disabled: sign-in always fails. */
  disabledUser: { name: 'demo-disabled', password: 'Disabled#Portico2026' },
  /**
   * Resources of the types without a list API, with known IDs (one of each) in the default
   * workspace, so a console that asks for an ID can be tried.
   */
  insightUnlistedResources: {
    metric: '4d1f0c2e-8a3b-4c5d-9e6f-0a1b2c3d4e01',
    embedAnalysis: '4d1f0c2e-8a3b-4c5d-9e6f-0a1b2c3d4e02',
    portal: '4d1f0c2e-8a3b-4c5d-9e6f-0a1b2c3d4e03',
    subject: '4d1f0c2e-8a3b-4c5d-9e6f-0a1b2c3d4e04',
  },
} as const;
