/** The non-resource endpoints: /version, health checks, discovery and OpenAPI. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KUBERNETES_VERSION } from '../version';
import { negotiate, contentTypeOf } from './accept';
import { aggregatedDiscovery, apiGroupDoc, apiGroupList, apiResourceList, apiVersions } from './discovery';
import { methodNotAllowed, notAcceptable, sendJson, sendText } from './respond';
import { notFoundPath } from '../sim/api/errors';
import type { OpenApiDocs } from './openapi/document';
import type { Route } from './route';
import type { ApiTarget } from './target';

const GO_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };

/** version.Info as kube-apiserver serves it at /version. */
export function versionInfo(): Record<string, string> {
  return {
    major: KUBERNETES_VERSION.major,
    minor: KUBERNETES_VERSION.minor,
    emulationMajor: KUBERNETES_VERSION.major,
    emulationMinor: KUBERNETES_VERSION.minor,
    minCompatibilityMajor: KUBERNETES_VERSION.major,
    minCompatibilityMinor: String(Number(KUBERNETES_VERSION.minor) - 1),
    gitVersion: KUBERNETES_VERSION.gitVersion,
    gitCommit: '',
    gitTreeState: 'clean',
    buildDate: '',
    goVersion: '',
    compiler: 'gc',
    platform: `${process.platform}/${GO_ARCH[process.arch] ?? process.arch}`,
  };
}

const HEALTH_CHECKS = ['ping', 'log', 'etcd', 'poststarthook/start-apiserver-admission-initializer', 'poststarthook/generic-apiserver-start-informers'];

export function serveNonResource(target: ApiTarget, docs: OpenApiDocs, route: Route, url: URL, req: IncomingMessage, res: ServerResponse, serverAddress: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed();
  const accept = req.headers.accept;
  switch (route.kind) {
    case 'version':
      sendJson(res, 200, versionInfo());
      return;
    case 'health': {
      if (!url.searchParams.has('verbose')) {
        sendText(res, 200, 'ok');
        return;
      }
      const lines = HEALTH_CHECKS.map((c) => `[+]${c} ok`);
      sendText(res, 200, `${lines.join('\n')}\n${route.check} check passed\n`);
      return;
    }
    case 'api':
    case 'apis': {
      const shape = negotiate(accept, ['object', 'APIGroupDiscoveryList']);
      if (!shape) throw notAcceptable();
      if (shape.as === 'APIGroupDiscoveryList') {
        res.setHeader('Vary', 'Accept');
        sendJson(res, 200, aggregatedDiscovery(target.registry, route.kind === 'api', shape.version), contentTypeOf(shape));
        return;
      }
      sendJson(res, 200, route.kind === 'api' ? apiVersions(serverAddress) : apiGroupList(target.registry));
      return;
    }
    case 'group': {
      const doc = apiGroupDoc(target.registry, route.group);
      if (!doc) throw notFoundPath();
      sendJson(res, 200, doc);
      return;
    }
    case 'groupVersion': {
      const doc = apiResourceList(target.registry, route.group, route.version);
      if (!doc) throw notFoundPath();
      sendJson(res, 200, doc);
      return;
    }
    case 'openapi-v3':
      sendJson(res, 200, docs.index());
      return;
    case 'openapi-v3-gv': {
      const doc = docs.groupVersion(route.group, route.version);
      if (!doc) throw notFoundPath();
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(doc.text), Etag: `"${doc.hash}"` });
      res.end(doc.text);
      return;
    }
    case 'openapi-v2': {
      // kubectl asks for the protobuf form, which is not served: 406 makes it look elsewhere.
      const wantsJson = !accept || /application\/json|\*\/\*/.test(accept);
      if (!wantsJson) throw notAcceptable();
      const text = docs.swagger();
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    default:
      throw notFoundPath();
  }
}
