// Loads web-tree-sitter and the grammars once per thread and hands out one reused
// parser per language. Grammar wasm files live in <package root>/wasm/.
import { Language, Parser } from 'web-tree-sitter';
import path from 'node:path';
import { packageRoot } from './version.js';

export { packageRoot };

export type GrammarName = 'go' | 'c';

let initialised: Promise<void> | undefined;
const parsers = new Map<GrammarName, Promise<Parser>>();
const ready = new Map<GrammarName, Parser>();

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
      ready.set(grammar, parser);
      return parser;
    })();
    parsers.set(grammar, p);
  }
  return p;
}

/**
 * The parser for a grammar if it is already loaded. Rules run synchronously, so the scan
 * loads the C grammar before running rules on a package that uses cgo.
 */
export function loadedParser(grammar: GrammarName): Parser | null {
  return ready.get(grammar) ?? null;
}
