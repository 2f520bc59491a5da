// Turns the results of scripts/bench.mjs into a console table and the markdown written into
// docs/benchmarks.md, and fits the growth of the scale ladder (time ~ pods^k) to extrapolate
// to Kubernetes' limits. Pure functions: no I/O here.

export const BEGIN = '<!-- bench:results:begin (written by npm run bench; edit outside these markers) -->';
export const END = '<!-- bench:results:end -->';

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export function ms(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'n/a';
  if (v < 10) return `${v.toFixed(2)} ms`;
  if (v < 1000) return `${v.toFixed(0)} ms`;
  if (v < 120_000) return `${(v / 1000).toFixed(1)} s`;
  if (v < 7_200_000) return `${(v / 60_000).toFixed(1)} min`;
  return `${(v / 3_600_000).toFixed(1)} h`;
}

export const us = (v) => (Number.isFinite(v) ? (v < 1000 ? `${v.toFixed(0)} µs` : ms(v / 1000)) : 'n/a');
export const kib = (b) => (Number.isFinite(b) ? `${(b / 1024).toFixed(0)} KiB` : 'n/a');
export const mib = (b) => (Number.isFinite(b) ? `${(b / 2 ** 20).toFixed(0)} MiB` : 'n/a');
const int = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');

/** Median of cold and warm figures over the processes of a repeated case. */
export function summarizeRepeated(r) {
  if (!r || r.error) return undefined;
  const pick = (k) => median(r.runs.map((x) => x[k]));
  return { ...r.runs[r.runs.length - 1], coldWallMs: pick('coldWallMs'), warmWallMs: pick('warmWallMs'), coldCpuMs: pick('coldCpuMs'), warmCpuMs: pick('warmCpuMs'), processes: r.runs.length };
}

/**
 * Least-squares fit of log(time) = k log(pods) + c over the completed ladder runs, on CPU
 * time (steadier than wall time on a shared machine) and on wall time.
 */
export function growth(ladder) {
  const pts = (ladder ?? []).filter((r) => !r.error && !r.result.rollout.stoppedEarly && r.result.rollout.readyAtEnd > 0);
  if (pts.length < 2) return undefined;
  const fit = (xs, ys) => {
    const lx = xs.map(Math.log);
    const ly = ys.map(Math.log);
    const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
    const my = ly.reduce((a, b) => a + b, 0) / ly.length;
    let num = 0;
    let den = 0;
    lx.forEach((x, i) => {
      num += (x - mx) * (ly[i] - my);
      den += (x - mx) ** 2;
    });
    return den > 0 ? num / den : NaN;
  };
  const pods = pts.map((r) => r.result.rollout.pods);
  const nodes = pts.map((r) => r.result.params.nodes);
  const last = pts[pts.length - 1].result;
  const k = fit(pods, pts.map((r) => r.result.rollout.wallMs));
  const kCpu = fit(pods, pts.map((r) => r.result.rollout.cpuMs));
  const kNodes = fit(nodes, pts.map((r) => r.result.nodes.cpuMs));
  const kHeap = fit(pods, pts.map((r) => r.result.heapAfterGcBytes));
  const pairs = pts.slice(1).map((r, i) => {
    const a = pts[i].result;
    const b = r.result;
    return {
      from: a.rollout.pods,
      to: b.rollout.pods,
      ratio: b.rollout.cpuMs / a.rollout.cpuMs,
      k: Math.log(b.rollout.cpuMs / a.rollout.cpuMs) / Math.log(b.rollout.pods / a.rollout.pods),
    };
  });
  const scaleBy = (p, kk) => (p / last.rollout.pods) ** kk;
  // CPU per pod = a + b * pods: a flat cost per pod plus a scan of all pods per pod event.
  const perPod = pts.map((r) => r.result.rollout.cpuMs / r.result.rollout.pods);
  const mp = pods.reduce((x, y) => x + y, 0) / pods.length;
  const mc = perPod.reduce((x, y) => x + y, 0) / perPod.length;
  let sxy = 0;
  let sxx = 0;
  pods.forEach((p, i) => {
    sxy += (p - mp) * (perPod[i] - mc);
    sxx += (p - mp) ** 2;
  });
  const b = sxx > 0 ? Math.max(0, sxy / sxx) : 0;
  const a = mc - b * mp;
  return {
    linearMsPerPod: a,
    quadraticMsPerPod2: b,
    predictCpuQuadMs: (p) => p * (a + b * p),
    k,
    kCpu,
    kNodes,
    kHeap,
    pairs,
    last,
    // Wall time scales by the CPU exponent: the wall fit also measures the machine's load.
    predictWallMs: (p) => last.rollout.wallMs * scaleBy(p, kCpu),
    predictCpuMs: (p) => last.rollout.cpuMs * scaleBy(p, kCpu),
    predictNodesCpuMs: (n) => last.nodes.cpuMs * (n / last.params.nodes) ** kNodes,
    predictHeap: (p) => last.heapAfterGcBytes * scaleBy(p, kHeap),
  };
}

function scaleRow(label, r) {
  if (r.error) return [label, 'failed', r.error];
  const x = r.result;
  const ro = x.rollout;
  const done = ro.stoppedEarly ? `stopped: ${int(ro.readyAtEnd)}/${int(ro.pods)} ready` : `${int(ro.readyAtEnd)}/${int(ro.pods)} ready`;
  return [
    label,
    `${int(x.params.nodes)} nodes, ${int(ro.pods)} pods, tracer ${x.params.tracer ? 'on' : 'off'}`,
    `nodes ${ms(x.nodes.wallMs)}; rollout ${ms(ro.wallMs)} wall / ${ms(ro.cpuMs)} cpu; ${done}; ${ro.podsPerSecond.toFixed(0)} pods/s; step p99 ${us(ro.stepP99Us)} max ${us(Math.max(ro.stepMaxUs, x.nodes.stepMaxUs))}; heap ${mib(x.heapAfterGcBytes)} (peak ${mib(x.peakHeapBytes)})`,
  ];
}

export function renderConsole(res) {
  const rows = [];
  const s = summarizeRepeated(res.start);
  rows.push(['1 start', '2 workers', s ? `cold ${ms(s.coldWallMs)} (cpu ${ms(s.coldCpuMs)}), warm ${ms(s.warmWallMs)} (cpu ${ms(s.warmCpuMs)}); ${s.tasks} tasks, ${s.traceEvents} trace events, ${s.revisions} revisions` : `failed: ${res.start?.error}`]);
  const n = summarizeRepeated(res.nginx);
  rows.push(['2 nginx', 'apply + until quiet', n ? `cold ${ms(n.coldWallMs)} (cpu ${ms(n.coldCpuMs)}), warm ${ms(n.warmWallMs)} (cpu ${ms(n.warmCpuMs)}); ${n.traceEvents} trace events, ${n.revisions} revisions, ${n.running} Running` : `failed: ${res.nginx?.error}`]);
  if (res.deploy) rows.push(scaleRow('3 deploy', res.deploy));
  for (const r of res.ladder ?? []) rows.push(scaleRow(`4 ${r.label}`, r));
  if (res.fullRun) rows.push(scaleRow('4 full', res.fullRun));
  const g = growth(res.ladder);
  const pods = res.full.deployments * res.full.replicas;
  if (g) rows.push(['4 growth', `cpu ~ pods^${g.kCpu.toFixed(2)}`, `predicted ${res.full.nodes} nodes / ${int(pods)} pods: rollout ${ms(g.predictCpuMs(pods))} cpu (power law) or ${ms(g.predictCpuQuadMs(pods))} (a + b·pods); heap ${mib(g.predictHeap(pods))}`]);
  const w = [0, 1].map((i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => `${String(r[0]).padEnd(w[0])}  ${String(r[1]).padEnd(w[1])}  ${r[2]}`).join('\n');
}

const table = (head, rows) => [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function scaleDetail(title, r) {
  if (!r || r.error) return `### ${title}\n\nFailed: ${r?.error ?? 'not run'}\n`;
  const x = r.result;
  const ro = x.rollout;
  const out = [`### ${title}`, ''];
  out.push(
    table(
      ['phase', 'wall', 'cpu', 'steps', 'virtual time', 'store revisions', 'trace events', 'step p50', 'step p99', 'step max', 'steps ≥ 16 ms', 'steps ≥ 30 ms', 'longest slice'],
      [
        ['nodes join', ms(x.nodes.wallMs), ms(x.nodes.cpuMs), int(x.nodes.steps), ms(x.nodes.virtualMs), int(x.nodes.revisions), int(x.nodes.traceEvents), us(x.nodes.stepP50Us), us(x.nodes.stepP99Us), us(x.nodes.stepMaxUs), int(x.nodes.stepsOver16ms), int(x.nodes.stepsOver30ms), ms(x.nodes.maxSliceMs)],
        ['rollout', ms(ro.wallMs), ms(ro.cpuMs), int(ro.steps), ms(ro.virtualMs), int(ro.revisions), int(ro.traceEvents), us(ro.stepP50Us), us(ro.stepP99Us), us(ro.stepMaxUs), int(ro.stepsOver16ms), int(ro.stepsOver30ms), ms(ro.maxSliceMs)],
      ],
    ),
    '',
    `- ${ro.stoppedEarly ? `**Stopped at the ${ms(x.params.limitMs)} limit**: ` : ''}${int(ro.readyAtEnd)} of ${int(ro.pods)} replicas ready (pods by phase: ${Object.entries(ro.phases).map(([k, v]) => `${k} ${int(v)}`).join(', ')}); all ready after ${ms(ro.allReadyWallMs)} wall (${ms(ro.allReadyVirtualMs)} virtual).`,
    `- Per pod: ${us(ro.perPodUs)} wall, ${us((ro.cpuMs * 1000) / Math.max(1, ro.readyAtEnd))} CPU; ${ro.podsPerSecond.toFixed(1)} pods/s. Control plane start ${ms(x.controlPlaneMs)}; ${int(x.nodes.ready)} nodes Ready. Load average ${r.machine?.loadavg1 ?? '?'} before, ${r.loadavgAfter ?? '?'} after.`,
    `- Heap after GC at the end ${mib(x.heapAfterGcBytes)} (${kib(x.heapAfterGcBytes / Math.max(1, ro.readyAtEnd))} per ready pod); without etcd's MVCC history (compacted at the end) ${mib(x.memory?.heapWithoutHistoryBytes)} (${kib((x.memory?.heapWithoutHistoryBytes ?? NaN) / Math.max(1, ro.readyAtEnd))} per pod); peak used ${mib(x.peakHeapBytes)}; limit ${mib(x.heapLimitBytes)}.`,
    x.memory ? `- etcd at revision ${int(x.memory.storeRevision)} holds: ${x.memory.store.filter((st) => st.keys > 0).map((st) => `${st.prefix.split('/')[2]} ${int(st.keys)} keys (${mib(st.jsonBytes)} JSON)`).join(', ')}.` : '',
    '',
    'Longest single steps (rollout):',
    '',
    table(['step', 'task label', 'at virtual'], ro.longest.slice(0, 6).map((l) => [us(l.us), `\`${l.label || '(unlabelled)'}\``, ms(l.virtualMs)])),
    '',
    'Step time by task (rollout, labels folded):',
    '',
    table(['task', 'count', 'total', 'share', 'max'], ro.byLabel.slice(0, 10).map((l) => [`\`${l.label}\``, int(l.count), ms(l.totalMs), `${((100 * l.totalMs) / Math.max(1e-9, ro.byLabel.reduce((a, b) => a + b.totalMs, 0))).toFixed(1)}%`, us(l.maxUs)])),
    '',
    'API requests during the rollout (timed around ApiServer.handle):',
    '',
    table(['request', 'count', 'total', 'mean'], ro.requests.slice(0, 10).map((q) => [`\`${q.request}\``, int(q.count), ms(q.totalMs), us(q.meanUs)])),
    '',
  );
  if (r.profile) {
    out.push(`CPU profile (node --cpu-prof, ${ms(r.profile.totalMs)} sampled), top self time:`, '');
    out.push(table(['self', 'share', 'function'], r.profile.functions.slice(0, 15).map((f) => [ms(f.selfMs), `${(f.share * 100).toFixed(1)}%`, `\`${f.name}\``])), '');
    out.push('Top total time (callees included):', '');
    out.push(table(['total', 'share', 'function'], r.profile.inclusive.filter((f) => !/^(out|bench)\//.test(f.name)).slice(0, 15).map((f) => [ms(f.selfMs), `${(f.share * 100).toFixed(1)}%`, `\`${f.name}\``])), '');
  }
  return out.join('\n');
}

export function renderMarkdown(res) {
  const m = res.start?.machine ?? res.nginx?.machine ?? {};
  const s = summarizeRepeated(res.start);
  const n = summarizeRepeated(res.nginx);
  const out = [BEGIN, ''];
  out.push(
    `Run: \`npm run bench${res.mode === 'default' && !res.profile ? '' : ' --'}${res.mode === 'default' ? '' : ` --${res.mode}`}${res.profile ? ' --profile' : ''}\` from ${res.started} to ${res.finished}; ${res.tsx ? 'TypeScript through tsx' : 'esbuild bundle of bench/run.ts (unminified)'}; one fresh \`node --expose-gc\` process per case.`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node} (${m.platform}); load average at start ${m.loadavg1} (the machine is shared: wall time includes waiting for a core; CPU time does not, but it counts V8's helper threads${res.profile ? ' and the profiler' : ''}, so it can exceed wall time).`,
    '',
    '## 1. Cluster start and 2. nginx.yaml apply to running',
    '',
    `Each process runs the case ${s?.runs ?? '?'} times: the first is cold (code not optimized yet, as right after the extension activates), the median of the rest warm; the figures are medians over ${s?.processes ?? '?'} processes.`,
    '',
    table(
      ['case', 'cold wall', 'cold cpu', 'warm wall', 'warm cpu', 'cold/warm', 'loop tasks', 'trace events', 'store revisions', 'other'],
      [
        s ? ['1. createCluster (2 workers) until quiet', ms(s.coldWallMs), ms(s.coldCpuMs), ms(s.warmWallMs), ms(s.warmCpuMs), `${(s.coldCpuMs / s.warmCpuMs).toFixed(1)}×`, int(s.tasks), int(s.traceEvents), int(s.revisions), `heap after GC ${mib(s.heapAfterGcBytes)}`] : ['1', `failed: ${res.start?.error}`, '', '', '', '', '', '', '', ''],
        n ? ['2. nginx.yaml apply + runUntilQuiet', ms(n.coldWallMs), ms(n.coldCpuMs), ms(n.warmWallMs), ms(n.warmCpuMs), `${(n.coldCpuMs / n.warmCpuMs).toFixed(1)}×`, int(n.tasks), int(n.traceEvents), int(n.revisions), `${n.running} pods Running after ${ms(n.virtualMs)} virtual; parse ${ms(n.parseMs)}`] : ['2', `failed: ${res.nginx?.error}`, '', '', '', '', '', '', '', ''],
      ],
    ),
    '',
    '## 3. One Deployment on many nodes (tracer on, as in the editor)',
    '',
    scaleDetail(res.deploy?.result ? `${res.deploy.result.params.nodes} nodes, Deployment of ${res.deploy.result.rollout.pods} replicas` : 'deploy', res.deploy),
    '## 4. Toward 5,000 nodes and 150,000 pods (tracer off, fast-forward)',
    '',
    `The ladder keeps the target's shape scaled down: N nodes (2 cpu, 4Gi, 110 pods each), 50 Deployments of 0.6·N replicas (30 pods per node, 10m cpu and 16Mi each), all in one namespace. Limit per run: ${ms(res.limitMs)}.`,
    '',
  );
  const rows = (res.ladder ?? []).map((r) => {
    if (r.error) return [r.label, 'failed', r.error, '', '', '', '', '', '', ''];
    const x = r.result;
    const ro = x.rollout;
    return [int(x.params.nodes), int(ro.pods), ms(x.nodes.wallMs), ms(ro.wallMs) + (ro.stoppedEarly ? ' (stopped)' : ''), ms(ro.cpuMs), ro.podsPerSecond.toFixed(0), us((ro.cpuMs * 1000) / Math.max(1, ro.readyAtEnd)), mib(x.peakHeapBytes), mib(x.heapAfterGcBytes), mib(x.memory?.heapWithoutHistoryBytes), `${us(ro.stepP99Us)} / ${us(Math.max(ro.stepMaxUs, x.nodes.stepMaxUs))}`];
  });
  out.push(table(['nodes', 'pods', 'nodes join', 'rollout wall', 'rollout cpu', 'pods/s (wall)', 'cpu per pod', 'peak heap', 'heap after GC', 'without etcd history', 'step p99 / max'], rows), '');
  const g = growth(res.ladder);
  const pods = res.full.deployments * res.full.replicas;
  if (g) {
    out.push(
      `Growth: rollout CPU time ~ pods^${g.kCpu.toFixed(2)} (wall ~ pods^${g.k.toFixed(2)}, noisier on a shared machine; 1 is linear, 2 quadratic); per doubling: ${g.pairs.map((p) => `${int(p.from)}→${int(p.to)} pods ×${p.ratio.toFixed(1)} (k=${p.k.toFixed(2)})`).join(', ')}. Node join CPU ~ nodes^${g.kNodes.toFixed(2)}; heap ~ pods^${g.kHeap.toFixed(2)}.`,
      '',
      `CPU per pod fitted as a + b·pods (a flat cost per pod plus a part that grows with the pods already there): a = ${ms(g.linearMsPerPod)}, b = ${(g.quadraticMsPerPod2 * 1000).toFixed(3)} µs per pod already there.`,
      '',
      `Extrapolated to ${int(res.full.nodes)} nodes / ${int(pods)} pods: node join ${ms(g.predictNodesCpuMs(res.full.nodes))} CPU; rollout ${ms(g.predictCpuMs(pods))} CPU by the power law, ${ms(g.predictCpuQuadMs(pods))} CPU by a + b·pods; heap after GC ${mib(g.predictHeap(pods))}. Goal: within a minute.`,
      '',
    );
  }
  if (res.fullRun) out.push(scaleDetail(`Full size: ${res.full.nodes} nodes, ${int(pods)} pods`, res.fullRun));
  else if (res.fullSkipped) out.push(`Full size not run: ${res.fullSkipped}.`, '');
  else out.push('Full size not run (only with `--full`, and only when the ladder predicts it fits the limit).', '');
  const biggest = [...(res.ladder ?? [])].reverse().find((r) => !r.error);
  if (biggest) out.push(scaleDetail(`Largest ladder run: ${biggest.result.params.nodes} nodes, ${int(biggest.result.rollout.pods)} pods`, biggest));
  out.push('## 5. Longest single loop step (editor-freeze risk)', '', 'The host runs the loop in ~30 ms slices and cannot yield inside one step(): a step longer than a slice is a visible freeze.', '');
  const five = [['3', res.deploy], ...(res.ladder ?? []).map((r) => ['4', r]), ...(res.fullRun ? [['4', res.fullRun]] : [])].filter(([, r]) => r && !r.error);
  out.push(
    table(
      ['case', 'nodes / pods', 'steps', 'p50', 'p99', 'max', '≥ 16 ms', '≥ 30 ms', 'longest task'],
      five.map(([c, r]) => {
        const x = r.result;
        const ro = x.rollout;
        const top = [...ro.longest, ...x.nodes.longest].sort((a, b) => b.us - a.us)[0];
        return [c, `${int(x.params.nodes)} / ${int(ro.pods)}`, int(ro.steps + x.nodes.steps), us(ro.stepP50Us), us(ro.stepP99Us), us(Math.max(ro.stepMaxUs, x.nodes.stepMaxUs)), int(ro.stepsOver16ms + x.nodes.stepsOver16ms), int(ro.stepsOver30ms + x.nodes.stepsOver30ms), top ? `\`${top.label || '(unlabelled)'}\`` : ''];
      }),
    ),
    '',
    END,
  );
  return out.join('\n');
}

const SKELETON = `# Benchmarks

\`npm run bench\` measures the product's speed and memory goals (\`--quick\`: small sizes;
\`--full\`: the ladder up to Kubernetes' limits of 5,000 nodes and 150,000 pods when it fits;
\`--profile\`: a CPU profile of every scale run, summarized below). They are benchmarks, not
tests: nothing fails on a slow machine. The section between the markers is rewritten on
every run.

`;

/** Replaces the generated section of docs/benchmarks.md, keeping what is written around it. */
export function spliceResults(existing, generated) {
  if (!existing) return `${SKELETON}${generated}\n`;
  const a = existing.indexOf(BEGIN);
  const b = existing.indexOf(END);
  if (a < 0 || b < a) return `${existing.trimEnd()}\n\n${generated}\n`;
  return `${existing.slice(0, a)}${generated}${existing.slice(b + END.length)}`;
}
