/**
 * The daemons of well-known images, as their logs read: nginx, httpd, redis, postgres,
 * mysql, the control plane's binaries and friends. Each writes its start-up lines,
 * listens where the real one listens and handles SIGTERM as the real one does.
 */
import type { Proc, ProcHost } from './process';
import { formatDate } from './shell/commands';

const forever = function* (): Proc {
  yield { ms: Infinity };
  return 0;
};

function term(host: ProcHost, lines: () => string, code = 0, afterMs = 50): void {
  host.onTerm(() => {
    const text = lines();
    if (text) host.write(2, text);
    return { code, afterMs };
  });
}

function versionAtLeast(version: string, min: string): boolean {
  const a = version.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const b = min.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < b.length; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

const nginxTime = (ms: number): string => formatDate(ms, '%Y/%m/%d %T');

/** The nginx image's /docker-entrypoint.sh (1.19 and later), then nginx itself. */
export function nginxEntrypointLines(version: string): string {
  if (!versionAtLeast(version, '1.19')) return '';
  const lines = [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  ];
  if (versionAtLeast(version, '1.25')) lines.push('/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh');
  lines.push('/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh');
  if (versionAtLeast(version, '1.21')) lines.push('/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh');
  lines.push('/docker-entrypoint.sh: Configuration complete; ready for start up');
  return lines.map((l) => `${l}\n`).join('');
}

export function* nginx(host: ProcHost, version: string): Proc {
  host.listen(80, { kind: 'nginx', version });
  // Before 1.19 the image logged errors at "warn", so a healthy start prints nothing.
  const notices = versionAtLeast(version, '1.19');
  if (notices) {
    const t = nginxTime(host.now());
    const gcc = versionAtLeast(version, '1.25') ? 'gcc 12.2.0 (Debian 12.2.0-14+deb12u1) ' : 'gcc 10.2.1 20210110 (Debian 10.2.1-6) ';
    const out = [`using the "epoll" event method`, `nginx/${version.replace(/-.*$/, '')}`, `built by ${gcc}`, 'OS: Linux 6.8.0-64-generic', 'getrlimit(RLIMIT_NOFILE): 1048576:1048576', 'start worker processes'];
    for (let i = 0; i < host.cpus; i++) out.push(`start worker process ${29 + i}`);
    host.write(2, out.map((l) => `${t} [notice] 1#1: ${l}\n`).join(''));
  }
  term(host, () => (notices ? `${nginxTime(host.now())} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n${nginxTime(host.now())} [notice] 1#1: exit\n` : ''));
  return yield* forever();
}

export function* httpd(host: ProcHost, version: string, ip: string): Proc {
  const stamp = (): string => `[${formatDate(host.now(), '%a %b %d %T')}.${String((host.now() % 1000) * 1000).padStart(6, '0')} ${formatDate(host.now(), '%Y')}]`;
  const ah = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message\n`;
  host.write(2, ah + ah);
  host.listen(80, { kind: 'httpd' });
  host.write(2, `${stamp()} [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${version.replace(/-.*$/, '')} (Unix) configured -- resuming normal operations\n${stamp()} [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n`);
  term(host, () => `${stamp()} [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully\n`);
  return yield* forever();
}

export function* redis(host: ProcHost, version: string): Proc {
  const t = (role: string): string => `1:${role} ${formatDate(host.now(), '%d %b %Y %T')}.${String(host.now() % 1000).padStart(3, '0')}`;
  const v = version.replace(/-.*$/, '');
  host.write(1, `${t('C')} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n${t('C')} * Redis version=${v}, bits=64, commit=00000000, modified=0, pid=1, just started\n${t('C')} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf\n${t('M')} * monotonic clock: POSIX clock_gettime\n${t('M')} * Running mode=standalone, port=6379.\n${t('M')} * Server initialized\n`);
  host.listen(6379, { kind: 'tcp', banner: '+PONG' });
  host.write(1, `${t('M')} * Ready to accept connections tcp\n`);
  term(host, () => `1:signal-handler (${Math.floor(host.now() / 1000)}) Received SIGTERM scheduling shutdown...\n${t('M')} * User requested shutdown...\n${t('M')} * Redis is now ready to exit, bye bye...\n`);
  return yield* forever();
}

export function* postgres(host: ProcHost, version: string): Proc {
  const pw = host.env.get('POSTGRES_PASSWORD');
  if (!pw && host.env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
    host.write(2, [
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      '',
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      '       connections without a password. This is *not* recommended.',
      '',
      '       See PostgreSQL documentation about "trust":',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
    ].map((l) => `${l}\n`).join(''));
    return 1;
  }
  const v = version.replace(/-.*$/, '');
  host.write(1, 'The files belonging to this database system will be owned by user "postgres".\nThis user must also own the server process.\n\n');
  yield { ms: 2500 };
  host.write(1, '\nPostgreSQL init process complete; ready for start up.\n\n');
  const ts = (): string => `${formatDate(host.now(), '%F %T')}.${String(host.now() % 1000).padStart(3, '0')} UTC [1]`;
  host.write(2, `${ts()} LOG:  starting PostgreSQL ${v} (Debian ${v}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14+deb12u1) 12.2.0, 64-bit\n${ts()} LOG:  listening on IPv4 address "0.0.0.0", port 5432\n`);
  host.listen(5432, { kind: 'tcp' });
  host.write(2, `${ts()} LOG:  database system is ready to accept connections\n`);
  term(host, () => `${ts()} LOG:  received fast shutdown request\n${ts()} LOG:  database system is shut down\n`, 0, 200);
  return yield* forever();
}

export function* mysql(host: ProcHost, version: string): Proc {
  const ts = (): string => `${formatDate(host.now(), '%F %T')}+00:00`;
  const v = version.replace(/-.*$/, '');
  host.write(1, `${ts()} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v}-1.el9 started.\n`);
  const ok = ['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'].some((k) => host.env.get(k));
  if (!ok) {
    host.write(2, `${ts()} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n`);
    return 1;
  }
  host.write(1, `${ts()} [Note] [Entrypoint]: Initializing database files\n`);
  yield { ms: 8000 };
  host.write(1, `${ts()} [Note] [Entrypoint]: MySQL init process done. Ready for start up.\n\n`);
  host.write(2, `${ts()}Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.\n`);
  host.listen(3306, { kind: 'tcp' });
  term(host, () => `${ts()}Z 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld ${v}).\n`, 0, 1500);
  return yield* forever();
}

export function* mongo(host: ProcHost): Proc {
  host.write(1, `{"t":{"$date":"${formatDate(host.now(), '%FT%T')}.000+00:00"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}\n`);
  host.listen(27017, { kind: 'tcp' });
  term(host, () => '', 0, 300);
  return yield* forever();
}

export function* coredns(host: ProcHost, version: string): Proc {
  host.write(1, `.:53\n[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b\nCoreDNS-${version.replace(/^v/, '')}\nlinux/amd64, go1.23.3, 51e11f1\n`);
  host.listen(53, { kind: 'dns' }, 'UDP');
  host.listen(53, { kind: 'dns' });
  host.listen(8080, { kind: 'health' });
  host.listen(8181, { kind: 'health' });
  host.listen(9153, { kind: 'health' });
  term(host, () => '[INFO] SIGTERM: Shutting down servers then terminating\n[INFO] plugin/health: Going into lameduck mode for 5s\n', 0, 5000);
  return yield* forever();
}

const klog = (host: ProcHost, file: string, msg: string): string => `I${formatDate(host.now(), '%m%d %T')}.${String((host.now() % 1000) * 1000).padStart(6, '0')}       1 ${file}] ${msg}\n`;

export function* controlPlane(host: ProcHost, app: string, nodeIP: string): Proc {
  switch (app) {
    case 'etcd':
      host.write(2, `{"level":"info","ts":"${formatDate(host.now(), '%FT%T')}.000000Z","caller":"embed/etcd.go:140","msg":"configuring peer listeners","listen-peer-urls":["https://${nodeIP}:2380"]}\n{"level":"info","ts":"${formatDate(host.now(), '%FT%T')}.000000Z","caller":"etcdserver/server.go:2064","msg":"published local member to cluster through raft","local-member-attributes":"{Name:control-plane ClientURLs:[https://${nodeIP}:2379]}"}\n{"level":"info","ts":"${formatDate(host.now(), '%FT%T')}.000000Z","caller":"embed/serve.go:250","msg":"serving client traffic securely","traffic":"grpc+http","address":"127.0.0.1:2379"}\n`);
      for (const p of [2379, 2380, 2381]) host.listen(p, { kind: 'health' });
      break;
    case 'kube-apiserver':
      host.write(2, klog(host, 'options.go:249', `"external host was not specified, using ${nodeIP}"`) + klog(host, 'server.go:167', '"Version: v1.33.4"') + klog(host, 'secure_serving.go:211', '"Serving securely on [::]:6443"'));
      host.listen(6443, { kind: 'health' });
      break;
    case 'kube-controller-manager':
      host.write(2, klog(host, 'serving.go:386', '"Generated self-signed cert in-memory"') + klog(host, 'controllermanager.go:185', '"Starting" version="v1.33.4"') + klog(host, 'leaderelection.go:271', '"successfully acquired lease" lock="kube-system/kube-controller-manager"'));
      host.listen(10257, { kind: 'health' });
      break;
    case 'kube-scheduler':
      host.write(2, klog(host, 'serving.go:386', '"Generated self-signed cert in-memory"') + klog(host, 'server.go:166', '"Starting Kubernetes Scheduler" version="v1.33.4"') + klog(host, 'leaderelection.go:271', '"successfully acquired lease" lock="kube-system/kube-scheduler"'));
      host.listen(10259, { kind: 'health' });
      break;
    case 'kube-proxy':
      host.write(2, klog(host, 'server_linux.go:66', '"Using iptables proxy"') + klog(host, 'server.go:698', `"Successfully retrieved node IP(s)" IPs=["${nodeIP}"]`) + klog(host, 'server_linux.go:170', '"Using iptables Proxier"') + klog(host, 'config.go:199', '"Starting service config controller"') + klog(host, 'shared_informer.go:357', '"Caches are synced" controller="service config"'));
      host.listen(10256, { kind: 'health' });
      host.listen(10249, { kind: 'health' });
      break;
    case 'kindnetd':
      host.write(2, klog(host, 'main.go:139', `"setting mtu 1500 for CNI"`));
      break;
    case 'local-path':
      host.write(1, 'time="2026-01-01T00:00:00Z" level=info msg="Provisioner started"\n');
      break;
  }
  term(host, () => '', 0, 100);
  return yield* forever();
}

export function* helloWorld(host: ProcHost): Proc {
  host.write(1, `\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n\nTo generate this message, Docker took the following steps:\n 1. The Docker client contacted the Docker daemon.\n 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.\n    (amd64)\n 3. The Docker daemon created a new container from that image which runs the\n    executable that produces the output you are currently reading.\n 4. The Docker daemon streamed that output to the Docker client, which sent it\n    to your terminal.\n\nTo try something more ambitious, you can run an Ubuntu container with:\n $ docker run -it ubuntu bash\n\nShare images, automate workflows, and more with a free Docker ID:\n https://hub.docker.com/\n\nFor more examples and ideas, visit:\n https://docs.docker.com/get-started/\n\n`);
  yield* [];
  return 0;
}

export function* httpEcho(host: ProcHost, args: string[]): Proc {
  const text = args.find((a) => a.startsWith('-text='))?.slice(6) ?? args[args.indexOf('-text') + 1];
  if (text === undefined) {
    host.write(2, 'Missing -text option!\n');
    return 127;
  }
  const listen = args.find((a) => a.startsWith('-listen='))?.slice(8) ?? ':5678';
  const port = Number.parseInt(listen.split(':').pop() ?? '5678', 10);
  host.write(2, `${formatDate(host.now(), '%Y/%m/%d %T')} [INFO] server is listening on ${listen}\n`);
  host.listen(port, { kind: 'text', body: `${text}\n` });
  term(host, () => `${formatDate(host.now(), '%Y/%m/%d %T')} [INFO] received interrupt, shutting down...\n`);
  return yield* forever();
}

export function* whoami(host: ProcHost, args: string[]): Proc {
  const port = Number.parseInt(args[args.indexOf('--port') + 1] ?? host.env.get('WHOAMI_PORT_NUMBER') ?? '80', 10) || 80;
  host.write(1, `${formatDate(host.now(), '%Y/%m/%d %T')} Starting up on port ${port}\n`);
  host.listen(port, { kind: 'whoami' });
  term(host, () => '');
  return yield* forever();
}

export { forever };
