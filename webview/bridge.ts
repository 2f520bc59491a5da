/**
 * How the panel talks to its host. Inside VS Code: acquireVsCodeApi(), with every inbound
 * message checked by isHostMessage. Elsewhere (tests, the static demo): a stand-in host that
 * reads the walkthrough from window.__KW_WALKTHROUGH__, a <script type="application/json"
 * id="kw-walkthrough"> block, or a ?data=URL, and keeps what the panel posts in
 * window.__KW_POSTED__.
 */
import { isHostMessage, isWalkthrough, type HostMessage, type PanelState, type StepPosition, type WebviewMessage } from '../src/protocol/messages';
import type { Walkthrough } from '../src/protocol/workflow';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

interface KwWindow {
  acquireVsCodeApi?: () => VsCodeApi;
  __KW_WALKTHROUGH__?: unknown;
  __KW_POSTED__?: WebviewMessage[];
}

export interface Bridge {
  readonly kind: 'vscode' | 'standalone';
  post(message: WebviewMessage): void;
  listen(listener: (message: HostMessage) => void, fail: (text: string) => void): void;
  save(state: PanelState): void;
}

const kw = (): KwWindow => window as unknown as KwWindow;

export function createBridge(): Bridge {
  const acquire = kw().acquireVsCodeApi;
  return typeof acquire === 'function' ? vscodeBridge(acquire()) : standaloneBridge();
}

function vscodeBridge(api: VsCodeApi): Bridge {
  return {
    kind: 'vscode',
    post: (message) => api.postMessage(message),
    save: (state) => api.setState(state),
    listen(listener) {
      window.addEventListener('message', (event: MessageEvent) => {
        if (isHostMessage(event.data)) listener(event.data);
        else console.warn('kube-walkthrough: ignored a malformed message from the host');
      });
    },
  };
}

function firstStepOf(walkthrough: Walkthrough, stageId: string | null): StepPosition | undefined {
  const stage = walkthrough.stages.find((s) => s.id === stageId);
  const seq = stage?.steps[0];
  return stage && seq !== undefined ? { stageId: stage.id, seq } : undefined;
}

async function readWalkthrough(params: URLSearchParams): Promise<unknown> {
  const global = kw().__KW_WALKTHROUGH__;
  if (global !== undefined) return global;
  const block = document.getElementById('kw-walkthrough');
  if (block && block.textContent && block.textContent.trim() !== '') return JSON.parse(block.textContent) as unknown;
  const url = params.get('data');
  if (url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
    return (await response.json()) as unknown;
  }
  throw new Error('No walkthrough: set window.__KW_WALKTHROUGH__, add a #kw-walkthrough JSON block, or pass ?data=URL.');
}

function standaloneBridge(): Bridge {
  const posted: WebviewMessage[] = [];
  kw().__KW_POSTED__ = posted;
  let onMessage: ((message: HostMessage) => void) | undefined;
  let onFail: ((text: string) => void) | undefined;
  const params = new URLSearchParams(window.location.search);
  const deliver = (): void => {
    readWalkthrough(params)
      .then((data) => {
        if (!isWalkthrough(data)) throw new Error('The data is not a valid walkthrough.');
        onMessage?.({ type: 'walkthrough/didLoad', walkthrough: data, position: firstStepOf(data, params.get('stage')) });
      })
      .catch((err: unknown) => onFail?.(err instanceof Error ? err.message : String(err)));
  };
  return {
    kind: 'standalone',
    post(message) {
      posted.push(message);
      if (posted.length > 500) posted.splice(0, posted.length - 500);
      if (message.type === 'webview/ready') deliver();
    },
    save() {
      // Nothing to keep outside VS Code: a reload reads the data again.
    },
    listen(listener, fail) {
      onMessage = listener;
      onFail = fail;
    },
  };
}
