/**
 * The seeded SecMaster workspace. The core's `demo.secmasterWorkspaceId` (src/index.ts) must
 * name this same id; it lives here so the seed does not depend on the core's module.
 */
export const demoSecmasterWorkspaceId = '7f3c2a1e9b8d4c6f8e2a1b3c5d7e9f01';
