// Keeps the layering of DESIGN.md: shared/ imports nothing of ours and no Node or DOM API;
// renderer/ imports shared/ only; electron/ and sync-server/ may import shared/ but not each other
// nor the renderer.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

/** Runtime imports only: `import type` brings no code along. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)(?!\s+type\s)[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2]);
}

/** The top-level folder an import lands in, or the package name. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return `pkg:${specifier}`;
  return path.relative(root, path.resolve(path.dirname(path.join(root, file)), specifier)).split(path.sep)[0];
}

/** The root package.json, read for the release number (the app's and the server's version). */
const RELEASE = 'package.json';

const RULES: Record<string, (target: string) => boolean> = {
  shared: (t) => t === 'shared' || (t.startsWith('pkg:') && !t.startsWith('pkg:node:') && !['pkg:fs', 'pkg:path', 'pkg:electron', 'pkg:react', 'pkg:rxdb', 'pkg:fastify'].some((p) => t === p || t.startsWith(`${p}/`))),
  renderer: (t) => t === 'renderer' || t === 'shared' || t === RELEASE || (t.startsWith('pkg:') && !t.startsWith('pkg:node:') && t !== 'pkg:electron'),
  'sync-server': (t) => t === 'sync-server' || t === 'shared' || t === RELEASE || t.startsWith('pkg:'),
  electron: (t) => t === 'electron' || t === 'shared' || t.startsWith('pkg:'),
};

describe('import direction', () => {
  for (const [layer, allowed] of Object.entries(RULES)) {
    it(`${layer}/ imports only what it may`, () => {
      const offending = sourceFiles(layer)
        .filter((file) => !file.endsWith('.test.ts') && !file.endsWith('.test.tsx') && !file.endsWith('vite.config.ts'))
        .flatMap((file) => importsOf(file).filter((spec) => !allowed(target(file, spec))).map((spec) => `${file} → ${spec}`));
      expect(offending).toEqual([]);
    });
  }
});
