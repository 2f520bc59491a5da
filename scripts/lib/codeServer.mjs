// A real VS Code without downloads: installs code-server (which ships a complete VS Code build)
// from the npm registry into a cache folder following shared/vscode-offline-testing.md, and
// starts it on loopback. Used by the offline integration runner and by `npm start`.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { pidAlive, run, sleep, tailOf } from './proc.mjs';

/** The newest code-server whose engine is Node 20 (later ones need Node 22 or newer). */
export const CODE_SERVER_VERSION = '4.96.4';
const MARKER = '.kw-install-complete';

/** Where code-server is cached: env KW_VSCODE_CACHE, else `.vscode-test/code-server` in the repo. */
export function codeServerCacheDir(root) {
  const fromEnv = process.env.KW_VSCODE_CACHE;
  return fromEnv ? resolve(fromEnv) : join(root, '.vscode-test', 'code-server');
}

/**
 * Makes sure a complete code-server install is in the cache (reusing one that finished before)
 * and returns the paths to start it.
 * @param {{ root: string, log?: (line: string) => void }} options
 * @returns {Promise<{ cacheDir: string, entry: string }>}
 */
export async function ensureCodeServer({ root, log = console.log }) {
  const cacheDir = codeServerCacheDir(root);
  const entry = join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (isComplete(cacheDir)) {
    log(`code-server ${CODE_SERVER_VERSION}: using the cached install in ${cacheDir}`);
    return { cacheDir, entry };
  }
  mkdirSync(cacheDir, { recursive: true });
  const release = await lock(cacheDir, log);
  try {
    // Another run may have finished the install while we waited for the lock.
    if (isComplete(cacheDir)) {
      log(`code-server ${CODE_SERVER_VERSION}: using the cached install in ${cacheDir}`);
      return { cacheDir, entry };
    }
    await install(cacheDir, log);
    return { cacheDir, entry };
  } finally {
    release();
  }
}

function markerContent() {
  // Native modules are built for one Node ABI: a different Node needs a fresh install.
  return JSON.stringify({ version: CODE_SERVER_VERSION, abi: process.versions.modules });
}

function isComplete(cacheDir) {
  const marker = join(cacheDir, MARKER);
  return existsSync(marker) && readFileSync(marker, 'utf8') === markerContent();
}

async function install(cacheDir, log) {
  const started = Date.now();
  const logFile = join(cacheDir, 'install.log');
  writeFileSync(logFile, `install of code-server ${CODE_SERVER_VERSION} started ${new Date().toISOString()}\n`);
  log(`code-server ${CODE_SERVER_VERSION}: installing into ${cacheDir} (about a minute; log: ${logFile})`);
  // A half-finished install is not trusted: start over from an empty folder.
  rmSync(join(cacheDir, MARKER), { force: true });
  rmSync(join(cacheDir, 'node_modules'), { recursive: true, force: true });
  rmSync(join(cacheDir, 'package-lock.json'), { force: true });
  writeFileSync(
    join(cacheDir, 'package.json'),
    JSON.stringify({ name: 'kw-code-server-cache', private: true, description: 'Cached VS Code (code-server) for the offline tests' }, null, 2) + '\n',
  );
  const npm = 'npm';
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  const env = buildEnv();
  const csDir = join(cacheDir, 'node_modules', 'code-server');
  const vscodeDir = join(csDir, 'lib', 'vscode');
  const step = async (n, what, fn) => {
    log(`  [${n}/5] ${what}`);
    await fn();
  };

  await step(1, `npm install --ignore-scripts code-server@${CODE_SERVER_VERSION}`, () =>
    // Saved as a dependency so that a later npm install in this folder does not prune it.
    run(npm, ['install', '--ignore-scripts', '--save', ...quiet, `code-server@${CODE_SERVER_VERSION}`], { cwd: cacheDir, env, logFile }),
  );
  await step(2, 'VS Code server dependencies (lib/vscode) and native modules', async () => {
    // The shrinkwrap pins a git dependency that cannot be fetched offline.
    rmSync(join(vscodeDir, 'npm-shrinkwrap.json'), { force: true });
    await run(npm, ['install', '--omit=dev', '--ignore-scripts', ...quiet], { cwd: vscodeDir, env, logFile });
    // kerberos is left out: it needs GSSAPI headers and is not used.
    await run(npm, ['rebuild', '@parcel/watcher', '@vscode/spdlog', 'node-pty', 'native-watchdog'], { cwd: vscodeDir, env, logFile });
  });
  await step(3, 'links the postinstall would make', async () => {
    relink('node_modules', join(vscodeDir, 'node_modules.asar'));
    relink('code-linux.sh', join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
    relink('browser-linux.sh', join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  });
  await step(4, 'built-in extensions dependencies (lib/vscode/extensions)', () =>
    run(npm, ['install', '--omit=dev', '--ignore-scripts', ...quiet], { cwd: join(vscodeDir, 'extensions'), env, logFile }),
  );
  await step(5, 'argon2 native module (node-gyp)', () =>
    run('npx', ['--yes', 'node-gyp', 'rebuild', '--', '-Dmodule_name=argon2', '-Dmodule_path=lib/binding/napi-v3'], {
      cwd: join(cacheDir, 'node_modules', 'argon2'),
      env,
      logFile,
    }),
  );
  if (!existsSync(join(csDir, 'out', 'node', 'entry.js'))) {
    throw new Error(`code-server install finished but ${join(csDir, 'out', 'node', 'entry.js')} is missing`);
  }
  writeFileSync(join(cacheDir, MARKER), markerContent());
  log(`code-server ${CODE_SERVER_VERSION}: installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * node-gyp downloads Node's headers unless told where they are; offline that fails. When this
 * Node was installed with its headers (e.g. /usr/include/node), point node-gyp at them.
 */
function buildEnv() {
  const prefix = dirname(dirname(process.execPath));
  const hasHeaders = existsSync(join(prefix, 'include', 'node', 'node.h'));
  return hasHeaders && !process.env.npm_config_nodedir ? { ...process.env, npm_config_nodedir: prefix } : process.env;
}

function relink(target, linkPath) {
  rmSync(linkPath, { force: true });
  symlinkSync(target, linkPath);
}

/** A lock folder beside the cache so two runs never install into the same folder at once. */
async function lock(cacheDir, log) {
  const lockDir = `${cacheDir}.lock`;
  const ownerFile = join(lockDir, 'pid');
  for (let waited = 0; ; waited += 1) {
    try {
      mkdirSync(lockDir);
      writeFileSync(ownerFile, String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (err) {
      if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EEXIST') throw err;
      const owner = Number(existsSync(ownerFile) ? readFileSync(ownerFile, 'utf8') : NaN);
      if (!Number.isInteger(owner) || !pidAlive(owner)) {
        if (waited > 2 || Number.isInteger(owner)) rmSync(lockDir, { recursive: true, force: true });
      } else if (waited % 30 === 0) {
        log(`code-server: waiting for another install (process ${owner}) to finish...`);
      }
      await sleep(1000);
    }
  }
}

/** A free TCP port on 127.0.0.1: `preferred` or the next free one after it, else any. */
export async function freePort(preferred) {
  if (preferred !== undefined) {
    for (let port = preferred; port < preferred + 100 && port < 65536; port += 1) {
      if (await canListen(port)) return port;
    }
  }
  return listenOnce(0);
}

function canListen(port) {
  return listenOnce(port).then(
    () => true,
    () => false,
  );
}

function listenOnce(port) {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolvePort(chosen));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1:`port` (no auth, loopback only) in its own process group and
 * waits until it answers. Its output goes to `logFile`.
 * @param {{ entry: string, port: number, userDataDir: string, extensionsDir: string,
 *   folder?: string, env?: NodeJS.ProcessEnv, logFile: string, extraArgs?: string[] }} options
 */
export async function startCodeServer(options) {
  const { entry, port, userDataDir, extensionsDir, folder, env, logFile, extraArgs = [] } = options;
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    // Keeps code-server from writing a config with a password into ~/.config.
    '--config', join(userDataDir, 'config.yaml'),
    ...extraArgs,
    ...(folder ? [folder] : []),
  ];
  const out = createWriteStream(logFile, { flags: 'a' });
  await new Promise((ready) => out.once('open', ready));
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
    detached: true, // its own process group, so that stopping it stops the extension host too
  });
  killOnExit(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it answered\n${tailOf(logFile, 20)}`);
    }
    if (await answers(`${url}/healthz`)) return { child, url, port };
    await sleep(250);
  }
  throw new Error(`code-server did not answer on ${url} within 60 s\n${tailOf(logFile, 20)}`);
}

const running = new Set();
let exitHooked = false;

/** Servers live in their own process group: make sure none outlives this process. */
function killOnExit(child) {
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', () => {
      for (const pid of running) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
  }
  running.add(child.pid);
  child.once('exit', () => running.delete(child.pid));
}

function answers(url) {
  return new Promise((done) => {
    const req = get(url, (res) => {
      res.resume();
      done(res.statusCode === 200);
    });
    req.on('error', () => done(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

/**
 * The workbench address for `folder`, with development options in the `payload` parameter
 * (as pairs, like the desktop command line: extensionDevelopmentPath, extensionTestsPath).
 * @param {number} port
 * @param {string} folder
 * @param {Array<[string, string]>} [payload] pairs whose values are absolute paths on the server
 */
export function workbenchUrl(port, folder, payload = []) {
  const authority = `127.0.0.1:${port}`;
  // Slashes stay readable in the folder path; everything else that needs it is escaped.
  let query = `folder=${encodeURI(folder).replace(/[?#&+]/g, encodeURIComponent)}`;
  if (payload.length > 0) {
    const pairs = payload.map(([key, path]) => [key, `vscode-remote://${authority}${path}`]);
    query += `&payload=${encodeURIComponent(JSON.stringify(pairs))}`;
  }
  return `http://${authority}/?${query}`;
}
