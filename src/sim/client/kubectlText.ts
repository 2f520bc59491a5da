/** How kubectl prints a failed request (cmdutil.StandardErrorMessage and AddSourceToErr). */
import type { Status } from '../api/types';

interface Cause {
  field?: string;
  message?: string;
}

/** `The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be ...` and the like. */
export function kubectlError(status: Status, verbing: string, source: string): string {
  const details = status.details;
  if (status.reason === 'Invalid') {
    let s = 'The request is invalid';
    if (details && (details.kind || details.name)) s = `The ${details.kind ?? ''} "${details.name ?? ''}" is invalid`;
    const causes = (details?.causes ?? []) as Cause[];
    if (causes.length > 0) {
      const msgs = [...new Set(causes.map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : (c.message ?? ''))))];
      return `${s}: ${msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`}`;
    }
    return s;
  }
  const reason = status.reason ? ` (${status.reason})` : '';
  return `Error from server${reason}: error when ${verbing} "${source}": ${status.message ?? ''}`;
}
