/**
 * What one panel knows and how it answers the webview, without 'vscode': the walkthrough it
 * shows, the step the person is on, and the reply (if any) to each inbound message. Every
 * inbound message is checked with isWebviewMessage and dropped when it fails.
 */
import { isPanelState, isWebviewMessage, type HostMessage, type StepPosition } from '../../protocol/messages';
import type { Walkthrough } from '../../protocol/workflow';

export interface Outcome {
  /** Message to post back to the webview. */
  reply?: HostMessage;
  /** A line for the output channel. */
  log?: string;
  /** True when the message failed validation and was ignored. */
  dropped?: boolean;
}

export class PanelSession {
  walkthrough: Walkthrough | undefined;
  position: StepPosition | undefined;
  /** The webview's script has said it listens (reset when the webview reloads). */
  ready = false;

  constructor(walkthrough?: Walkthrough, position?: StepPosition) {
    this.walkthrough = walkthrough;
    this.position = position;
  }

  /** A session restored from the state VS Code kept across a reload (anything invalid is ignored). */
  static fromState(state: unknown): PanelSession {
    return isPanelState(state) ? new PanelSession(state.walkthrough, state.position) : new PanelSession();
  }

  /** Replaces the walkthrough; returns the message to post if the webview is listening. */
  load(walkthrough: Walkthrough, position?: StepPosition): HostMessage | undefined {
    this.walkthrough = walkthrough;
    this.position = position;
    return this.ready ? { type: 'walkthrough/didLoad', walkthrough, ...(position ? { position } : {}) } : undefined;
  }

  /** The webview's HTML was (re)set: wait for webview/ready before posting. */
  reset(): void {
    this.ready = false;
  }

  receive(raw: unknown): Outcome {
    if (!isWebviewMessage(raw)) return { dropped: true, log: 'walkthrough panel: dropped an invalid message from the webview' };
    switch (raw.type) {
      case 'webview/ready':
        this.ready = true;
        return this.walkthrough
          ? { reply: { type: 'walkthrough/didLoad', walkthrough: this.walkthrough, ...(this.position ? { position: this.position } : {}) } }
          : {};
      case 'step/didSelect':
        this.position = { stageId: raw.stageId, seq: raw.seq };
        return {};
      case 'webview/didError':
        return { log: `walkthrough panel error: ${raw.message}` };
    }
  }
}

/** Where `kubeWalkthrough.showWalkthrough {stage}` opens: the first step of that stage. */
export function stagePosition(walkthrough: Walkthrough | undefined, stage: string | undefined): StepPosition | undefined {
  if (!walkthrough || !stage) return undefined;
  const found = walkthrough.stages.find((s) => s.id === stage);
  const seq = found?.steps[0];
  return found && seq !== undefined ? { stageId: found.id, seq } : undefined;
}
