/** How each simulated server answers an HTTP request, and what it writes to its log. */
import type { HttpAnswer, ServerKind } from './process';
import { formatDate } from './shell/commands';

export interface HttpRequestInfo {
  path: string;
  clientIP: string;
  /** Host header: 10.244.1.5:80 or nginx-service */
  host: string;
  userAgent: string;
  now: number;
  podName: string;
  podIP: string;
}

export interface ServedAnswer extends HttpAnswer {
  /** Lines the server logs for the request. */
  log?: { stream: 'stdout' | 'stderr'; text: string }[];
}

const NGINX_OLD = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
    body {
        width: 35em;
        margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif;
    }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_NEW = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const nginxPaths = new Set(['/', '/index.html', '/50x.html']);

function nginxAnswer(version: string, req: HttpRequestInfo): ServedAnswer {
  const v = version.replace(/-.*$/, '');
  const old = Number.parseInt(v.split('.')[1] ?? '0', 10) < 19;
  const path = req.path.split('?')[0] ?? '/';
  const found = nginxPaths.has(path);
  const status = found ? 200 : 404;
  const body = found ? (old ? NGINX_OLD : NGINX_NEW) : `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${v}</center>\r\n</body>\r\n</html>\r\n`;
  const stamp = formatDate(req.now, '%d/%b/%Y:%T +0000');
  const log: ServedAnswer['log'] = [];
  if (!found) {
    log.push({ stream: 'stderr', text: `${formatDate(req.now, '%Y/%m/%d %T')} [error] 29#29: *1 open() "/usr/share/nginx/html${path}" failed (2: No such file or directory), client: ${req.clientIP}, server: localhost, request: "GET ${req.path} HTTP/1.1", host: "${req.host}"` });
  }
  log.push({ stream: 'stdout', text: `${req.clientIP} - - [${stamp}] "GET ${req.path} HTTP/1.1" ${status} ${body.length} "-" "${req.userAgent}" "-"` });
  return { status, body, log };
}

const HEALTH_PATHS = new Set(['/healthz', '/livez', '/readyz', '/health', '/ready', '/metrics']);

export function serve(server: ServerKind, req: HttpRequestInfo): ServedAnswer {
  const path = req.path.split('?')[0] ?? '/';
  switch (server.kind) {
    case 'nginx':
      return nginxAnswer(server.version, req);
    case 'httpd':
      return {
        status: path === '/' || path === '/index.html' ? 200 : 404,
        body: path === '/' || path === '/index.html' ? '<html><body><h1>It works!</h1></body></html>\n' : '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n',
        log: [{ stream: 'stdout', text: `${req.clientIP} - - [${formatDate(req.now, '%d/%b/%Y:%T +0000')}] "GET ${req.path} HTTP/1.1" ${path === '/' ? 200 : 404} 45` }],
      };
    case 'text':
      return { status: 200, body: server.body };
    case 'whoami':
      return { status: 200, body: `Hostname: ${req.podName}\nIP: 127.0.0.1\nIP: ${req.podIP}\nRemoteAddr: ${req.clientIP}:48312\nGET ${req.path} HTTP/1.1\nHost: ${req.host}\nUser-Agent: ${req.userAgent}\nAccept: */*\n` };
    case 'python-http':
      return {
        status: path === '/' ? 200 : 404,
        body: path === '/' ? '<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n</ul>\n<hr>\n</body>\n</html>\n' : '',
        log: [{ stream: 'stderr', text: `${req.clientIP} - - [${formatDate(req.now, '%d/%b/%Y %T')}] "GET ${req.path} HTTP/1.1" ${path === '/' ? 200 : 404} -` }],
      };
    case 'health':
      return HEALTH_PATHS.has(path) ? { status: 200, body: 'ok' } : { status: 404, body: '404 page not found\n' };
    case 'dns':
    case 'tcp':
      return { status: 0, body: '' };
  }
}
