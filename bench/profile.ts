/**
 * Prints the top of a V8 .cpuprofile (node --cpu-prof): self time, total time, by file.
 *
 *   node --import tsx bench/profile.ts PROFILE.cpuprofile [--top 30] [--callers NAME] [--json]
 */
import { formatSummary, summarize } from './lib/profile';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !['--top', '--callers'].includes(args[i - 1] ?? ''));
if (!file) {
  process.stderr.write('usage: profile.ts PROFILE.cpuprofile [--top N] [--callers NAME] [--json]\n');
  process.exitCode = 2;
} else {
  const topIdx = args.indexOf('--top');
  const callersIdx = args.indexOf('--callers');
  const callersOf = callersIdx >= 0 ? args[callersIdx + 1] : undefined;
  const s = summarize(file, process.cwd(), topIdx >= 0 ? Number(args[topIdx + 1]) : 30, callersOf);
  process.stdout.write(args.includes('--json') ? `${JSON.stringify(s, null, 2)}\n` : formatSummary(s, callersOf));
}
