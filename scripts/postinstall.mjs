// Runs after `npm install` / `npm ci`: in a source checkout (tsconfig.json and src/ present)
// compile to dist/; in an installed package (dist/ shipped in the tarball, no sources) do
// nothing. It replaces a `prepare` script because `npm pack` prints a lifecycle script's
// banner on stdout, and pre-commit installs node hooks by reading the tarball's name from
// `npm pack`'s stdout: with `prepare` the hook could not be installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsconfig = join(root, 'tsconfig.json');
if (existsSync(tsconfig) && existsSync(join(root, 'src'))) {
  // typescript is a runtime dependency, so an install without dev dependencies can build too.
  const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', tsconfig], { cwd: root, stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
}
