// Small process helpers shared by the harness scripts: run a command to completion (its
// output either shown or kept in a log file whose tail is quoted on failure), and stop a
// process group we started.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/**
 * Runs `command args` and resolves when it exits 0. With `logFile`, output is appended there
 * (long installs stay quiet) and the last lines are quoted in the error; otherwise it is shown.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, logFile?: string }} [options]
 * @returns {Promise<void>}
 */
export function run(command, args, options = {}) {
  const { cwd, env, logFile } = options;
  const shown = `${command} ${args.join(' ')}`;
  if (logFile) appendFileSync(logFile, `\n$ ${shown}   (in ${cwd ?? process.cwd()})\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: env ?? process.env,
      stdio: logFile ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    });
    if (logFile) {
      child.stdout?.on('data', (chunk) => appendFileSync(logFile, chunk));
      child.stderr?.on('data', (chunk) => appendFileSync(logFile, chunk));
    }
    child.on('error', (err) => reject(new Error(`could not start \`${shown}\`: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const tail = logFile ? `\n--- last lines of ${logFile} ---\n${tailOf(logFile, 25)}` : '';
      reject(new Error(`\`${shown}\` ${why}${tail}`));
    });
  });
}

/** The last `lines` lines of a text file, or '' when it does not exist. */
export function tailOf(file, lines) {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Stops a child started with `detached: true` together with everything it spawned (its
 * process group): SIGTERM first, SIGKILL after `graceMs`.
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} [graceMs]
 */
export async function stopGroup(child, graceMs = 5000) {
  const pid = child.pid;
  if (pid === undefined) return;
  const signalGroup = (signal) => {
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false; // the group is gone already
    }
  };
  if (!signalGroup('SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!groupAlive(pid)) return;
    await sleep(100);
  }
  signalGroup('SIGKILL');
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether a process with this id exists. */
export function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
