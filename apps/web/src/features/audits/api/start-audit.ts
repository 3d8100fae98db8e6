import { auditEventSchema, type AuditEvent, type StartAuditRequest } from '@portico/api-types';
import { apiFetch, apiFetchResponse } from '../../../lib/api-client';
import { ApiError } from '../../../lib/api-error';
import { z } from 'zod';

/**
 * `POST /api/audits` answers NDJSON while the sweep runs: each complete line is one event,
 * handed on as soon as it arrives so rows appear during the sweep.
 */
export async function startAudit(
  body: StartAuditRequest,
  onEvent: (e: AuditEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const res = await apiFetchResponse('/api/audits', { method: 'POST', body, signal });
  if (!res.body) throw new ApiError(res.status, 'unexpected_response', 'empty audit stream');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const emit = (line: string) => {
    if (line.trim() === '') return;
    const parsed = auditEventSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new ApiError(res.status, 'unexpected_response', parsed.error.message);
    onEvent(parsed.data);
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    lines.forEach(emit);
  }
  emit(buffer);
}

/** Asks the BFF to stop a running audit; the stream then ends with a `cancelled` event. */
export const cancelAudit = (id: string) =>
  apiFetch(`/api/audits/${encodeURIComponent(id)}/cancel`, z.object({ cancelled: z.string() }), { method: 'POST' });
