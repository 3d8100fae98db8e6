/**
 * The seeded ROMA Connect instance. The core's `demo.romaInstanceId` (src/index.ts) must name
 * this same id; it lives here so the seed does not depend on the core's module.
 */
export const demoRomaInstanceId = '3e9a7c51-2b84-4d06-9f1e-6a5c8d2b7e40';
