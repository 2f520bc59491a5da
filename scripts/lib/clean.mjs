// Deletes the folders named on the command line (inside the repo only), e.g. `dist` before a
// production build so that no stale source map from a development build ends up in the .vsix.
import { rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
for (const arg of process.argv.slice(2)) {
  const target = resolve(root, arg);
  const inside = relative(root, target);
  if (inside === '' || inside.startsWith('..')) throw new Error(`refusing to delete ${target}: not inside ${root}`);
  rmSync(target, { recursive: true, force: true });
}
