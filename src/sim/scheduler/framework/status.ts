/**
 * framework.Status: the result of one plugin at one extension point, with upstream's codes.
 * `null` stands for Success, as a nil *Status does in Go.
 */

export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip' | 'Pending';

export class Status {
  /** The plugin that returned this status (set by the framework). */
  plugin = '';

  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
  ) {}

  static error(message: string): Status {
    return new Status('Error', [message]);
  }

  static unschedulable(...reasons: string[]): Status {
    return new Status('Unschedulable', reasons);
  }

  static unresolvable(...reasons: string[]): Status {
    return new Status('UnschedulableAndUnresolvable', reasons);
  }

  static skip(): Status {
    return new Status('Skip');
  }

  /** Reasons joined by ", ", as Status.Message() does. */
  message(): string {
    return this.reasons.join(', ');
  }

  withPlugin(plugin: string): this {
    this.plugin = plugin;
    return this;
  }
}

export type MaybeStatus = Status | null | undefined;

export function codeOf(s: MaybeStatus): Code {
  return s ? s.code : 'Success';
}

export function isSuccess(s: MaybeStatus): boolean {
  return !s || s.code === 'Success';
}

/** IsRejected: Unschedulable, UnschedulableAndUnresolvable or Pending. */
export function isRejected(s: MaybeStatus): boolean {
  return !!s && (s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable' || s.code === 'Pending');
}

export function isSkip(s: MaybeStatus): boolean {
  return !!s && s.code === 'Skip';
}

export function messageOf(s: MaybeStatus): string {
  return s ? s.message() : '';
}
