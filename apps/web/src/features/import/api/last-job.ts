// The last import job this tab started, so a "job already running" answer can point at it.
const key = 'portico.lastImportJob';

export const rememberLastJob = (jobId: string) => sessionStorage.setItem(key, jobId);
export const lastJobId = (): string | undefined => sessionStorage.getItem(key) ?? undefined;
