/**
 * pods/log over HTTP: text/plain from the simulated runtime. With follow=true the first read
 * goes through the API server (authorization, the trace); then, as the kubelet streams a
 * container's log, new lines are sent as they appear until the container stops, the pod is
 * deleted or the client goes away.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRequest } from '../sim/apiserver/types';
import { sendJson, sendText } from './respond';
import type { ApiTarget } from './target';

const POLL_MS = 200;

interface PodLike {
  spec?: { containers?: { name: string }[] };
  status?: { containerStatuses?: { name: string; state?: { terminated?: unknown } }[] };
}

export function serveLogs(target: ApiTarget, apiReq: ApiRequest, req: IncomingMessage, res: ServerResponse): void {
  const follow = apiReq.query?.follow === true;
  const first = target.api.handle(apiReq);
  if (first.code !== 200) {
    sendJson(res, first.code, first.body);
    return;
  }
  const text = String((first.body as { text?: unknown }).text ?? '');
  const logs = target.logs;
  if (!follow || !logs) {
    sendText(res, 200, text);
    return;
  }
  const ns = apiReq.namespace ?? '';
  const pod = apiReq.name ?? '';
  let container = apiReq.query?.container;
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  res.write(text);
  let sent = logs(ns, pod, container).length;
  let open = true;
  let stopping = false;
  const stop = (): void => {
    if (!open) return;
    open = false;
    clearInterval(timer);
    podWatch.watch?.stop();
    res.end();
  };
  const flush = (): void => {
    const full = logs(ns, pod, container);
    if (full.length > sent) res.write(full.slice(sent));
    sent = Math.max(sent, full.length);
  };
  const timer = setInterval(() => {
    if (!open) return;
    flush();
    if (stopping) stop();
  }, POLL_MS);
  // The pod's own watch says when the container is done or the pod is gone.
  const podWatch = target.api.watch(
    { ...apiReq, verb: 'watch', name: undefined, subresource: undefined, query: { fieldSelector: `metadata.name=${pod}` } },
    (ev) => {
      if (ev.type === 'DELETED') stopping = true;
      const p = ev.object as PodLike;
      container ??= p.spec?.containers?.[0]?.name;
      const st = (p.status?.containerStatuses ?? []).find((c) => c.name === container);
      if (st?.state?.terminated) stopping = true;
    },
    () => {
      stopping = true;
    },
  );
  req.on('close', stop);
}
