// The tool's identity and its package root, found from this module's own location (not
// the cwd), so that rules/*.md and wasm/ are found wherever mapsafe is installed or run.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const toolName = 'mapsafe';

function findPackageRoot(): string {
  // src/version.ts (tests) or dist/src/version.js (built): walk up to our package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (pkg.name === toolName) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${toolName} package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** Absolute path of the installed package (holds package.json, rules/, wasm/). */
export const packageRoot: string = findPackageRoot();

export const version: string = (
  JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }
).version;
