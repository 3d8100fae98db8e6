import type { Test } from 'supertest';

type Parser = Extract<Parameters<Test['parse']>[0], (res: never, callback: never) => void>;
type Callback = (err: Error | null, body: Buffer) => void;

/** supertest parser that keeps a binary body as a Buffer (the response is a Node stream). */
export const binaryParser: Parser = (res, callback: Callback) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
  stream.on('error', (err: Error) => callback(err, Buffer.concat(chunks)));
};
