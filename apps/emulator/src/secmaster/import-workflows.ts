import busboy from 'busboy';
import type { Request, Response } from 'express';
import { requestIdOf } from '../common/request-id';
import type { ServiceContext } from '../context';
import { sendInvalidParameter } from './errors';
import type { SecmasterState } from './state';
import { workflowDocumentSchema } from './workflow-document';

type Params = { projectId: string; workspaceId: string };

/** A workflow document is small JSON that must be parsed whole; larger uploads are refused. */
const maxDocumentBytes = 10 * 1024 * 1024;
const uploadField = 'uploadFile';

function readUpload(req: Request): Promise<{ text: string } | { error: string }> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxDocumentBytes } });
    } catch {
      resolve({ error: 'The request must be multipart/form-data.' });
      return;
    }
    let result: { text: string } | { error: string } = { error: `No file in field ${uploadField}.` };
    let fileDone: Promise<void> = Promise.resolve();
    parser.on('file', (field, stream) => {
      if (field !== uploadField) return void stream.resume();
      const parts: Buffer[] = [];
      stream.on('data', (c: Buffer) => parts.push(c));
      fileDone = new Promise((done) =>
        stream.once('end', () => {
          const truncated = (stream as unknown as { truncated?: boolean }).truncated === true;
          result = truncated ? { error: 'The file is too large.' } : { text: Buffer.concat(parts).toString('utf8') };
          done();
        }),
      );
    });
    parser.once('close', () => void fileDone.then(() => resolve(result)));
    parser.once('error', () => {
      req.unpipe(parser);
      resolve({ error: 'The multipart body is malformed.' });
    });
    // A client that goes away mid-upload never lets the parser finish; settle so nothing waits forever.
    req.once('close', () => {
      if (!req.complete) resolve({ error: 'The upload was interrupted.' });
    });
    req.pipe(parser);
  });
}

/** `POST …/soc/workflows/import`: takes back what the export wrote, as new workflows. */
export function importWorkflows(ctx: ServiceContext, state: SecmasterState) {
  return async (req: Request<Params>, res: Response) => {
    const upload = await readUpload(req);
    if ('error' in upload) return sendInvalidParameter(res, upload.error);
    let json: unknown;
    try {
      json = JSON.parse(upload.text);
    } catch {
      return sendInvalidParameter(res, 'The file is not a workflow export.');
    }
    const doc = workflowDocumentSchema.safeParse(json);
    const workspace = state.workspaces[req.params.workspaceId];
    if (!doc.success || !workspace) return sendInvalidParameter(res, 'The file is not a workflow export.');
    const now = new Date(ctx.now()).toISOString();
    for (const { workflow, definition } of doc.data.workflows) {
      const versionId = ctx.newId();
      workspace.workflows.push({
        workflow: {
          ...workflow,
          id: ctx.newId(),
          version_id: versionId,
          workspace_id: req.params.workspaceId,
          create_time: now,
          update_time: now,
        },
        definition: { ...definition, version: { ...definition.version, id: versionId } },
      });
    }
    ctx.markDirty();
    res.json({ code: '00000000', message: '', success: true, request_id: requestIdOf(res) || ctx.newId() });
  };
}
