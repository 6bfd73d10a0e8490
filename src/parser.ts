// Loads web-tree-sitter and the grammars once per thread and hands out one reused
// parser per language. Grammar wasm files live in <package root>/wasm/.
import { Language, Parser } from 'web-tree-sitter';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from './version.js';
import { installLightNodes } from './lightnodes.js';

export { packageRoot };

export type GrammarName = 'go' | 'c';

let initialised: Promise<void> | undefined;
const parsers = new Map<GrammarName, Promise<Parser>>();
const ready = new Map<GrammarName, Parser>();

/**
 * The Emscripten module object web-tree-sitter runs on: `Parser.init(options)` makes the
 * options object the module itself, and every node handed across the wasm boundary is
 * copied through its `setValue`/`getValue` (five 32-bit words per node). Those generic
 * accessors switch on a type string and go through a DataView; on a little-endian host an
 * aligned Int32Array view is the same memory and the same bytes, several times cheaper.
 * About one call in ten of the whole analysis is one of these.
 */
interface WasmModule {
  HEAP32?: Int32Array;
  setValue?: (ptr: number, value: number, type?: string) => void;
  getValue?: (ptr: number, type?: string) => number;
}

/** Installs the i32 fast path if the module looks as expected; returns whether it did. */
export function installFastAccessors(module: WasmModule): boolean {
  const { setValue, getValue } = module;
  if (os.endianness() !== 'LE' || typeof setValue !== 'function' || typeof getValue !== 'function') return false;
  if (!(module.HEAP32 instanceof Int32Array)) return false;
  // The view is read from the module on every call: it is replaced when wasm memory grows.
  module.setValue = (ptr, value, type = 'i8') => {
    if (type === 'i32' && (ptr & 3) === 0) module.HEAP32![ptr >> 2] = value;
    else setValue(ptr, value, type);
  };
  module.getValue = (ptr, type = 'i8') => (type === 'i32' && (ptr & 3) === 0 ? module.HEAP32![ptr >> 2] : getValue(ptr, type));
  return true;
}

let fast = false;
let wasmModule: WasmModule | null = null;

/** Whether this thread's parser runs on the fast accessors (after the first getParser). */
export function usesFastAccessors(): boolean {
  return fast;
}

function init(): Promise<void> {
  initialised ??= (async () => {
    const module: WasmModule = {};
    await Parser.init(module as never);
    wasmModule = module;
    fast = installFastAccessors(module);
  })();
  return initialised;
}

/** A small Go file with a syntax error, to check the light nodes on (src/lightnodes.ts). */
const LIGHT_NODE_CHECK = 'package p\n\n// c\ntype T struct{ m map[string]int; mu sync.Mutex }\n\nfunc (t *T) F(a, b int) (r int) {\n\tt.mu.Lock()\n\tdefer t.mu.Unlock()\n\tfor k, v := range t.m { if v > a { delete(t.m, k) } }\n\tgo func() { t.m["x"]++ }()\n\treturn f(a)(b) +\n}\n';

/** One parser per grammar per thread, created on first use and reused afterwards. */
export function getParser(grammar: GrammarName): Promise<Parser> {
  let p = parsers.get(grammar);
  if (!p) {
    p = (async () => {
      await init();
      const language = await Language.load(path.join(packageRoot, 'wasm', `tree-sitter-${grammar}.wasm`));
      const parser = new Parser();
      parser.setLanguage(language);
      if (grammar === 'go' && wasmModule) {
        const check = parser.parse(LIGHT_NODE_CHECK);
        if (check) {
          installLightNodes(wasmModule, check);
          check.delete();
        }
      }
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
