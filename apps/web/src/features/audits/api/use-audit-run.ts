import type { AuditRow, AuditSummary, EnumerationError, StartAuditRequest } from '@portico/api-types';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { auditKeys } from './audit-keys';
import { cancelAudit, startAudit } from './start-audit';

export interface AuditRunState {
  status: 'idle' | 'running' | 'finished' | 'cancelled' | 'failed';
  auditId?: string;
  done: number;
  total: number;
  rows: AuditRow[];
  enumerationErrors: EnumerationError[];
  summary?: AuditSummary;
  error?: unknown;
}

const idle: AuditRunState = { status: 'idle', done: 0, total: 0, rows: [], enumerationErrors: [] };

/**
 * Runs one audit: rows arrive in a buffer flushed a few times a second, so 10 000 rows do not
 * mean 10 000 renders. Cancel asks the BFF (which stores the audit as cancelled) and, if the
 * audit has no ID yet, drops the connection, which the BFF also treats as a cancel.
 */
export function useAuditRun() {
  const qc = useQueryClient();
  const [state, setState] = useState<AuditRunState>(idle);
  const controller = useRef<AbortController | null>(null);
  const idRef = useRef<string | undefined>(undefined);
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    async (request: StartAuditRequest): Promise<string | undefined> => {
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      idRef.current = undefined;
      let pending: AuditRow[] = [];
      let timer: ReturnType<typeof setTimeout> | undefined;
      const flush = () => {
        timer = undefined;
        const batch = pending;
        pending = [];
        if (batch.length) setState((s) => ({ ...s, rows: [...s.rows, ...batch] }));
      };
      setState({ ...idle, status: 'running' });
      try {
        await startAudit(
          request,
          (e) => {
            switch (e.type) {
              case 'started':
                idRef.current = e.audit_id;
                setState((s) => ({
                  ...s,
                  auditId: e.audit_id,
                  total: e.total,
                  enumerationErrors: e.enumeration_errors ?? [],
                }));
                break;
              case 'row':
                pending.push(e.row);
                timer ??= setTimeout(flush, 100);
                break;
              case 'progress':
                setState((s) => ({ ...s, done: e.done, total: e.total }));
                break;
              case 'finished':
                flush();
                setState((s) => ({
                  ...s,
                  status: e.audit.status === 'cancelled' ? 'cancelled' : 'finished',
                  summary: e.audit,
                  done: e.audit.done,
                  total: e.audit.total,
                }));
                break;
              case 'cancelled':
                flush();
                setState((s) => ({ ...s, status: 'cancelled' }));
                break;
              case 'error':
                flush();
                setState((s) => ({ ...s, status: 'failed', error: new Error(e.error.message) }));
                break;
            }
          },
          ac.signal,
        );
        if (timer) clearTimeout(timer);
        flush();
        // A stream that ended without a final event was cut: say so rather than show "running".
        setState((s) =>
          s.status === 'running' ? { ...s, status: 'failed', error: new Error('stream ended early') } : s,
        );
      } catch (error) {
        if (timer) clearTimeout(timer);
        flush();
        setState((s) => ({
          ...s,
          status: ac.signal.aborted ? 'cancelled' : 'failed',
          error: ac.signal.aborted ? undefined : error,
        }));
      } finally {
        if (controller.current === ac) controller.current = null;
        void qc.invalidateQueries({ queryKey: auditKeys.lists() });
      }
      return idRef.current;
    },
    [qc],
  );

  const cancel = useCallback(async () => {
    const id = idRef.current;
    if (!id) return controller.current?.abort();
    try {
      await cancelAudit(id);
    } catch {
      controller.current?.abort();
    }
  }, []);

  const reset = useCallback(() => setState(idle), []);
  return { state, start, cancel, reset };
}
