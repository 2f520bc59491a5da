/**
 * One benchmark case in a fresh process (so one case's heap and JIT state do not colour
 * the next). scripts/bench.mjs starts it; progress goes to stderr, the result to stdout as
 * one line `BENCH_RESULT {json}`.
 *
 *   node --expose-gc out/bench/run.cjs start '{"reps":7}'
 *   node --expose-gc out/bench/run.cjs nginx '{"reps":7}'
 *   node --expose-gc out/bench/run.cjs scale '{"nodes":100,"deployments":1,"replicas":3000,"tracer":true,"limitMs":600000}'
 *   node out/bench/run.cjs profile '{"file":"x.cpuprofile","top":25}'   (a --cpu-prof summary)
 */
import { machine } from './lib/measure';
import { nginxCase, startCase } from './cases/small';
import { scaleCase, type ScaleParams } from './cases/scale';
import { summarize } from './lib/profile';

function main(): void {
  const [name, raw] = process.argv.slice(2);
  const params = JSON.parse(raw ?? '{}') as Record<string, unknown>;
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const before = machine();
  let result: unknown;
  if (name === 'start') result = startCase(Number(params.reps ?? 5));
  else if (name === 'nginx') result = nginxCase(Number(params.reps ?? 5));
  else if (name === 'scale') result = scaleCase(params as unknown as ScaleParams, log);
  else if (name === 'profile') result = summarize(String(params.file), process.cwd(), Number(params.top ?? 25));
  else throw new Error(`unknown case: ${name ?? '(none)'} (start | nginx | scale | profile)`);
  const after = machine();
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ case: name, machine: before, loadavgAfter: after.loadavg1, result })}\n`);
}

main();
