import type { FakeBff } from './fake-bff';

type Listener = ((ev: ProgressEvent) => void) | null;

/** Just enough of XMLHttpRequest for the upload: progress events, abort, load. */
export function createFakeXhrClass(fake: FakeBff) {
  return class FakeXhr {
    status = 0;
    responseText = '';
    upload: { onprogress: Listener } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private method = 'GET';
    private url = '';
    private headers = new Headers();
    private aborted = false;
    private responseHeaders = new Headers();

    open(method: string, url: string): void {
      this.method = method;
      this.url = url;
    }
    setRequestHeader(name: string, value: string): void {
      this.headers.set(name, value);
    }
    getResponseHeader(name: string): string | null {
      return this.responseHeaders.get(name);
    }
    abort(): void {
      this.aborted = true;
      this.onabort?.();
    }
    send(body: FormData): void {
      void this.run(body);
    }
    private async run(body: FormData): Promise<void> {
      const file = body.get('ImportAssetRequestBody');
      const total = file instanceof Blob ? file.size : 0;
      for (let step = 1; step <= fake.upload.steps; step += 1) {
        await new Promise((r) => setTimeout(r, 5));
        if (this.aborted) return;
        const loaded = Math.round((total * step) / fake.upload.steps);
        this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
        if (step === 1 && fake.upload.gate) await fake.upload.gate;
        if (this.aborted) return;
      }
      const res = await fake.handle({
        method: this.method,
        url: new URL(this.url, 'http://localhost'),
        headers: this.headers,
        body,
      });
      if (this.aborted) return;
      this.status = res.status;
      this.responseHeaders = res.headers;
      this.responseText = await res.text();
      this.onload?.();
    }
  };
}
