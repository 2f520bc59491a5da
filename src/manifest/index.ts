/**
 * src/manifest: Kubernetes manifests as text. Parses a YAML (or JSON) file the way
 * `kubectl apply -f` of kubectl 1.33 reads it (document splitting, go-yaml v2 scalar rules,
 * lists, duplicate keys, the errors that stop it), keeps a source range for every field,
 * maps API field paths to ranges and offsets back to field paths, lints YAML 1.1 pitfalls,
 * and lists what apply would send in order.
 *
 * Pure: no vscode, no Node built-ins, no clock. Imports the `yaml` package and, from src,
 * only src/protocol. Offsets are string indexes; `lineCol` turns them into 0-based positions.
 */
export { parseManifest } from './parse';
export { rangeOfPath, parseFieldPath } from './paths';
export { pathAt, documentAt } from './locate';
export { lintManifest } from './lint';
export { documentsForApply, planApply, type ApplyObject, type ApplyPlan } from './apply';
export { lineCol, lineColAt } from './text';
export { resolvePlain, formatFloat32G, type Resolved } from './resolve';
export type {
  FieldLocation,
  FieldSpan,
  LineCol,
  LintCode,
  ManifestDiagnostic,
  ManifestDocument,
  ManifestError,
  ManifestErrorCode,
  ManifestObject,
  ParsedManifest,
  QuickFix,
  Range,
} from './types';
