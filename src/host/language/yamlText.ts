/**
 * An object as `kubectl get -o yaml` prints it: keys sorted (Go marshals maps that way),
 * sequences not indented under their key, no line folding, managedFields left out (as kubectl
 * get and kubectl diff do by default). Pure: no vscode.
 */
import { stringify } from 'yaml';

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sorted((value as Record<string, unknown>)[key]);
  return out;
}

export function kubectlYaml(obj: unknown): string {
  const copy = sorted(obj) as Record<string, unknown>;
  const metadata = copy.metadata as Record<string, unknown> | undefined;
  if (metadata) delete metadata.managedFields;
  return stringify(copy, { indentSeq: false, lineWidth: 0, minContentWidth: 0 });
}
