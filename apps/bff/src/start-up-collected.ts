/**
 * The log line of the server's one full collection after start (server.ts): the bench reads the
 * BFF's idle memory after it.
 */
export const startUpCollectedMessage = 'start-up garbage collected';
