// Headless Chromium from Debian's package, driven by playwright-core (never
// `npx playwright install`: that downloads a browser build, which fails on these machines).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './proc.mjs';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Installs Debian's chromium with apt-get when /usr/bin/chromium is missing.
 * @param {{ logDir: string, log?: (line: string) => void }} options
 */
export async function ensureChromium({ logDir, log = console.log }) {
  if (existsSync(CHROMIUM)) return;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`${CHROMIUM} is missing and this is not root: install it with \`sudo apt-get update && sudo apt-get install -y chromium\``);
  }
  const logFile = join(logDir, 'apt-chromium.log');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`chromium: ${CHROMIUM} is missing, installing Debian's package (log: ${logFile})`);
  try {
    log('  apt-get update');
    await run('apt-get', ['update'], { env, logFile });
    log('  apt-get install -y chromium');
    await run('apt-get', ['install', '-y', 'chromium'], { env, logFile });
  } catch (err) {
    throw new Error(`could not install chromium with apt-get: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get install chromium finished but ${CHROMIUM} is still missing`);
  log('chromium: installed');
}

/** Launches headless Chromium with the flags that keep it off the network. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
