export const importKeys = {
  all: ['asset-import'] as const,
  jobs: () => [...importKeys.all, 'job'] as const,
  job: (jobId: string) => [...importKeys.jobs(), jobId] as const,
};
