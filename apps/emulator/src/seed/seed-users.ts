/** Owners and creators of seeded resources: the demo users plus a few colleagues. */
export const seedUsers = [
  { id: '7116d09f88fa41908676fdd4b039e951', name: 'demo-admin' },
  { id: '7116d09f88fa41908676fdd4b039e952', name: 'demo-operator' },
  { id: '7116d09f88fa41908676fdd4b039e953', name: 'demo-auditor' },
  { id: '2c9a4f1e6b3d4a8f9e0d1c2b3a4f5e61', name: 'li.wei' },
  { id: '2c9a4f1e6b3d4a8f9e0d1c2b3a4f5e62', name: 'zhang.min' },
  { id: '2c9a4f1e6b3d4a8f9e0d1c2b3a4f5e63', name: 'anna.schmidt' },
] as const;
