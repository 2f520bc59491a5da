// Installs the working tree into a code-server extensions folder so that a plain browser visit
// loads it (no development payload in the address): a folder shaped like the installed .vsix,
// holding a copy of package.json and links to what the .vsix ships (the `!name/**` lines of
// .vscodeignore: dist, media, ...). A rebuild plus "Developer: Reload Window" picks up code
// changes. package.json is copied, not linked, because VS Code writes its own metadata into the
// manifest of installed extensions and must never rewrite the repo's.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @param {string} root the extension's folder (the repo)
 * @param {string} extensionsDir code-server's --extensions-dir
 * @returns {{ id: string, version: string, path: string }}
 */
export function installDevExtension(root, extensionsDir) {
  const manifestText = readFileSync(join(root, 'package.json'), 'utf8');
  const manifest = JSON.parse(manifestText);
  const id = `${manifest.publisher}.${manifest.name}`;
  const version = String(manifest.version);
  const folderName = `${id}-${version}`;
  const path = join(extensionsDir, folderName);
  mkdirSync(extensionsDir, { recursive: true });
  // Older copies (another version in package.json) would load twice.
  for (const name of readdirSync(extensionsDir)) {
    if (name.startsWith(`${id}-`)) rmSync(join(extensionsDir, name), { recursive: true, force: true });
  }
  mkdirSync(path);
  writeFileSync(join(path, 'package.json'), manifestText);
  for (const name of shippedTopLevel(root)) {
    if (name !== 'package.json' && existsSync(join(root, name))) symlinkSync(join(root, name), join(path, name));
  }
  // VS Code lists installed extensions in extensions.json; a folder missing there is not loaded.
  const listFile = join(extensionsDir, 'extensions.json');
  const listed = existsSync(listFile) ? JSON.parse(readFileSync(listFile, 'utf8')) : [];
  const others = Array.isArray(listed) ? listed.filter((e) => e?.identifier?.id?.toLowerCase() !== id.toLowerCase()) : [];
  others.push({ identifier: { id }, version, location: { $mid: 1, path, scheme: 'file' }, relativeLocation: folderName });
  writeFileSync(listFile, JSON.stringify(others));
  return { id, version, path };
}

/** Top-level names the .vsix ships: the `!name` / `!name/**` lines of .vscodeignore. */
function shippedTopLevel(root) {
  const ignoreFile = join(root, '.vscodeignore');
  const names = new Set(['dist', 'media', 'README.md', 'LICENSE']);
  if (existsSync(ignoreFile)) {
    for (const line of readFileSync(ignoreFile, 'utf8').split('\n')) {
      const match = /^!\/?([^/*\s]+)/.exec(line.trim());
      if (match?.[1]) names.add(match[1]);
    }
  }
  return [...names];
}
