/** "Show Events": a terminal printing the cluster's events as `kubectl get events --watch` does. */
import * as vscode from 'vscode';
import type { Event } from 'kubernetes-types/core/v1';
import type { ClusterService } from '../clusterService';
import { EventsWatch } from './eventsWatch';

export const SHOW_EVENTS_COMMAND = 'kubeWalkthrough.showEvents';
const TERMINAL_NAME = 'kubectl get events --watch';

function currentEvents(cluster: ClusterService): { events: Event[]; now: number } {
  return cluster.peek((c) => ({
    events: c.objects().filter((o) => o.kind === 'Event') as unknown as Event[],
    now: c.loop.now(),
  }));
}

export function createEventsPty(cluster: ClusterService): vscode.Pseudoterminal {
  const write = new vscode.EventEmitter<string>();
  const close = new vscode.EventEmitter<number | void>();
  const watch = new EventsWatch((text) => write.fire(text));
  let subscription: vscode.Disposable | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = (): void => {
    subscription?.dispose();
    subscription = undefined;
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return {
    onDidWrite: write.event,
    onDidClose: close.event,
    open: () => {
      const { events, now } = currentEvents(cluster);
      watch.update(events, now, true);
      subscription = cluster.onDidChange(() => {
        if (timer) return;
        timer = setTimeout(() => {
          timer = undefined;
          const next = currentEvents(cluster);
          watch.update(next.events, next.now);
        }, 250);
      });
    },
    close: stop,
    handleInput: (data) => {
      if (watch.input(data) === 'close') {
        stop();
        close.fire(0);
      }
    },
  };
}

export function registerShowEvents(cluster: ClusterService): vscode.Disposable {
  return vscode.commands.registerCommand(SHOW_EVENTS_COMMAND, () => {
    const existing = vscode.window.terminals.find((t) => t.name === TERMINAL_NAME);
    if (existing) {
      existing.show();
      return;
    }
    const terminal = vscode.window.createTerminal({ name: TERMINAL_NAME, pty: createEventsPty(cluster), iconPath: new vscode.ThemeIcon('bell') });
    terminal.show();
  });
}
