/**
 * Watch over HTTP: a chunked stream of JSON lines {"type": ..., "object": ...}, each object
 * in the shape the client asked for (a one-row Table for `kubectl get -w`). The stream ends
 * when the simulated API server closes the watch, after timeoutSeconds of real time, or when
 * the client goes away.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRequest, ApiWatchEvent } from '../sim/apiserver/types';
import { toTable, type IncludeObject } from '../sim/apiserver/printers';
import { contentTypeOf, type Shape } from './accept';
import { sendJson } from './respond';
import type { ApiTarget } from './target';

/** kube-apiserver's --min-request-timeout: a watch without timeoutSeconds lasts 30 to 60 minutes. */
const MIN_REQUEST_TIMEOUT_S = 1800;

export function convertObject(target: ApiTarget, apiReq: ApiRequest, shape: Shape, include: IncludeObject, obj: Readonly<Record<string, unknown>>): unknown {
  if (shape.as === 'Table') {
    const rv = (obj.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
    return toTable(apiReq.group, apiReq.resource, [obj], rv ? { resourceVersion: rv } : {}, target.now(), include);
  }
  if (shape.as === 'PartialObjectMetadata') {
    return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata ?? {} };
  }
  return obj;
}

export function serveWatch(
  target: ApiTarget,
  apiReq: ApiRequest,
  shape: Shape,
  include: IncludeObject,
  timeoutSeconds: number | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  let open = true;
  const timer: { handle?: ReturnType<typeof setTimeout> } = {};
  const finish = (): void => {
    if (!open) return;
    open = false;
    clearTimeout(timer.handle);
    res.end();
  };
  const onEvent = (ev: ApiWatchEvent): void => {
    if (!open) return;
    const object = ev.type === 'BOOKMARK' || ev.type === 'ERROR' ? ev.object : convertObject(target, apiReq, shape, include, ev.object);
    res.write(`${JSON.stringify({ type: ev.type, object })}\n`);
  };
  const started = target.api.watch(apiReq, onEvent, finish);
  if (started.response.code !== 200 || !started.watch) {
    open = false;
    sendJson(res, started.response.code, started.response.body);
    return;
  }
  const watch = started.watch;
  res.writeHead(200, { 'Content-Type': contentTypeOf(shape), 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  const seconds = timeoutSeconds && timeoutSeconds > 0 ? timeoutSeconds : MIN_REQUEST_TIMEOUT_S * (1 + Math.random());
  timer.handle = setTimeout(() => {
    watch.stop();
    finish();
  }, seconds * 1000);
  timer.handle.unref();
  req.on('close', () => {
    if (!open) return;
    open = false;
    clearTimeout(timer.handle);
    watch.stop();
  });
}
