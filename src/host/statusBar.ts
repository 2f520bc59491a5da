/**
 * The status bar item: nodes ready of total and pods running / pending / failing, each with
 * its icon and number (so colour is never the only signal); a click opens the explorer.
 */
import * as vscode from 'vscode';
import type { ClusterService } from './clusterService';
import { summarize, type ClusterSummary } from './explorer';

const OPEN_EXPLORER = 'workbench.view.extension.kubeWalkthrough';

export function statusText(s: ClusterSummary): string {
  return `$(server) ${s.nodesReady}/${s.nodesTotal}  $(pass-filled) ${s.podsRunning}  $(clock) ${s.podsPending}  $(error) ${s.podsFailing}`;
}

export function statusLabel(s: ClusterSummary): string {
  return `Simulated cluster: ${s.nodesReady} of ${s.nodesTotal} nodes ready; pods: ${s.podsRunning} running, ${s.podsPending} pending, ${s.podsFailing} failing`;
}

export function statusTooltip(s: ClusterSummary, virtualTime: string): vscode.MarkdownString {
  const lines = [
    `**Simulated cluster** (virtual time ${virtualTime})`,
    '',
    `$(server) Nodes: ${s.nodesReady} of ${s.nodesTotal} Ready`,
    ...s.notReady.map((n) => `- $(warning) ${n}`),
    '',
    `$(pass-filled) ${s.podsRunning} running · $(clock) ${s.podsPending} pending · $(error) ${s.podsFailing} failing${s.podsDone ? ` · ${s.podsDone} completed` : ''}`,
    ...s.failing.slice(0, 10).map((p) => `- $(error) ${p}`),
    '',
    'Click to open the cluster explorer.',
  ];
  const md = new vscode.MarkdownString(lines.join('\n'), true);
  return md;
}

export function registerStatusBar(cluster: ClusterService): vscode.Disposable[] {
  const item = vscode.window.createStatusBarItem('kubeWalkthrough.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Kube Walkthrough: Simulated Cluster';
  item.command = OPEN_EXPLORER;
  item.text = '$(server) Kube: starting';
  item.tooltip = 'The simulated cluster is starting';
  item.show();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const update = (): void => {
    timer = undefined;
    if (cluster.operating) {
      schedule();
      return;
    }
    const { summary, time } = cluster.peek((c) => ({
      summary: summarize(c.kubectl.list({ group: '', version: 'v1', resource: 'nodes' }).items.concat(c.kubectl.list({ group: '', version: 'v1', resource: 'pods' }).items)),
      time: new Date(c.loop.now()).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'),
    }));
    item.text = statusText(summary);
    item.tooltip = statusTooltip(summary, time);
    item.accessibilityInformation = { label: statusLabel(summary), role: 'button' };
    item.backgroundColor = summary.podsFailing > 0 || summary.nodesReady < summary.nodesTotal ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  };
  const schedule = (): void => {
    if (!timer) timer = setTimeout(update, 500);
  };
  // The first update boots the cluster: leave activation first.
  timer = setTimeout(update, 1000);
  return [item, cluster.onDidChange(schedule), { dispose: () => timer && clearTimeout(timer) }];
}
