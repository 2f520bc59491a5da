/** Writing answers as kube-apiserver does: JSON with a trailing newline, Status bodies, Warning headers. */
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { StatusError, newInternalError } from '../sim/api/errors';

/** RFC 7234 warning header values, as kube-apiserver's warning recorder writes them. */
export function warningHeader(text: string): string {
  return `299 - "${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function baseHeaders(res: ServerResponse): void {
  res.setHeader('Audit-Id', randomUUID());
  res.setHeader('Cache-Control', 'no-cache, private');
}

export function sendJson(res: ServerResponse, code: number, body: unknown, contentType = 'application/json', warnings: readonly string[] = []): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = `${JSON.stringify(body)}\n`;
  if (warnings.length > 0) res.setHeader('Warning', warnings.map(warningHeader));
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: ServerResponse, code: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const status = err instanceof StatusError ? err : newInternalError(err);
  sendJson(res, status.code, status.status);
}

export function statusError(code: number, reason: string, message: string): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details: {}, code });
}

/** What the handler chain answers for a method a path does not serve. */
export { newMethodNotAllowed as methodNotAllowed } from '../sim/apiserver/httpErrors';

export function notAcceptable(): StatusError {
  return statusError(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml');
}
