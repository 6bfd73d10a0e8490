// Loads web-tree-sitter and the grammars once per thread and hands out one reused
// parser per language. Grammar wasm files live in <package root>/wasm/.
import { Language, Parser } from 'web-tree-sitter';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type GrammarName = 'go' | 'c';

/** The directory holding mapsafe's package.json, whether running from src/ or dist/src/. */
export const packageRoot: string = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'mapsafe') return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`mapsafe: cannot find the mapsafe package root above ${start}`);
    dir = parent;
  }
}

let initialised: Promise<void> | undefined;
const parsers = new Map<GrammarName, Promise<Parser>>();

function init(): Promise<void> {
  initialised ??= Parser.init();
  return initialised;
}

/** One parser per grammar per thread, created on first use and reused afterwards. */
export function getParser(grammar: GrammarName): Promise<Parser> {
  let p = parsers.get(grammar);
  if (!p) {
    p = (async () => {
      await init();
      const language = await Language.load(path.join(packageRoot, 'wasm', `tree-sitter-${grammar}.wasm`));
      const parser = new Parser();
      parser.setLanguage(language);
      return parser;
    })();
    parsers.set(grammar, p);
  }
  return p;
}
