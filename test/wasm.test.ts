// The grammar wasm files in wasm/ must be byte-identical to the installed packages'.
// After upgrading tree-sitter-go or tree-sitter-c, run: npm run wasm:sync
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { grammars } from '../scripts/sync-wasm.mjs';

const root = join(import.meta.dirname, '..');
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('wasm/', () => {
  for (const { pkg, file } of grammars as { pkg: string; file: string }[]) {
    it(`${file} matches the installed ${pkg} (run npm run wasm:sync if not)`, () => {
      expect(sha256(join(root, 'wasm', file)), `wasm/${file} is stale: run npm run wasm:sync`).toBe(
        sha256(join(root, 'node_modules', pkg, file)),
      );
    });
  }
});
