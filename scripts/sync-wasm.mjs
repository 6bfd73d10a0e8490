#!/usr/bin/env node
// Copies the grammar wasm files of the installed tree-sitter packages into wasm/, the
// directory the parser loads them from. Run after upgrading a grammar: npm run wasm:sync
// (test/wasm.test.ts fails while the copies differ from the installed packages).
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Installed grammar packages and the wasm file each ships. */
export const grammars = [
  { pkg: 'tree-sitter-go', file: 'tree-sitter-go.wasm' },
  { pkg: 'tree-sitter-c', file: 'tree-sitter-c.wasm' },
];

export function syncWasm() {
  mkdirSync(join(root, 'wasm'), { recursive: true });
  for (const { pkg, file } of grammars) {
    copyFileSync(join(root, 'node_modules', pkg, file), join(root, 'wasm', file));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  syncWasm();
  for (const { file } of grammars) console.log(`wasm/${file}`);
}
