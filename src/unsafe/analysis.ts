// One pass over the files that can touch a map's memory (those importing unsafe,
// reflect or C), shared by unsafe-map-cast and cgo-hmap-offset: conversions of a
// map's address or header, constant offsets into the header, calls into C with
// map-derived arguments, and what each file's cgo preamble says.
import type { Node } from 'web-tree-sitter';
import { analyzePreamble } from '../cgo.js';
import type { PreambleFacts } from '../cgo.js';
import { typesAnalysis } from '../engine.js';
import type { Package, SourceFile } from '../package.js';
import { loadedParser } from '../parser.js';
import type { Analysis, RuleMeta } from '../rule.js';
import { MAP_MEMORY_OUTSIDE_BODIES, UNSAFE_TRIGGER } from '../triggers.js';
import { T, field, namedChildrenNoComments, unparen } from '../syntax.js';
import type { GoType } from '../types.js';
import { MapDerivation } from './derive.js';
import type { Derived } from './derive.js';

export interface MapView {
  /** The conversion `(*T)(x)`. */
  node: Node;
  map: string;
  /** The target type as written: "*unsafe.Pointer", "**int". */
  target: string;
  /** The type the target points to. */
  elem: GoType;
}

export interface HeaderOffset {
  /** The last arithmetic step of the chain. */
  node: Node;
  map: string;
  offset: number;
}

export interface CCall {
  call: Node;
  file: SourceFile;
  /** The C function name in `C.name(...)`. */
  fn: string;
  args: (Derived | undefined)[];
}

export interface MapMemoryFacts {
  derivation: MapDerivation;
  /** `unsafe.Pointer(&m)` converted to a pointer type: the first conversion of each `&m`. */
  addressViews: MapView[];
  /** A reflect pointer of a map converted to a pointer type: the first conversion of each. */
  reflectViews: MapView[];
  /** Every conversion of a map header (any origin, any offset) to a pointer type. */
  headerViews: MapView[];
  /** Constant offsets into a map header, one per chain. */
  offsets: HeaderOffset[];
  /** `C.f(...)` calls with at least one argument derived from a map. */
  cCalls: CCall[];
  /** What a file's cgo preamble says, or null without a preamble or a loaded C grammar. */
  preamble(file: SourceFile): PreambleFacts | null;
}

/**
 * Whether the package is the standard library's package `importPath` itself
 * (its directory is <GOROOT>/src/<importPath>): the runtime's own map structs are
 * definitions, not copies, and `maps.clone` declared in package maps is the
 * declaration the runtime's push linkname completes.
 */
export function isStdPackage(pkg: Package, importPath: string): boolean {
  return isStdDir(pkg.dir, importPath);
}

/** isStdPackage for a directory. */
export function isStdDir(dir: string, importPath: string): boolean {
  return dir.replace(/\\/g, '/').endsWith(`/src/${importPath}`);
}

/**
 * What every rule reporting map-memory facts reads: packages that name unsafe, reflect,
 * cgo or a linkname (the trigger), the bodies that name a map in directories with a file
 * that may reach map memory (every derivation starts in one), and outside bodies only
 * where MAP_MEMORY_OUTSIDE_BODIES matches.
 */
export const MAP_MEMORY_RULE_INPUTS: Pick<RuleMeta, 'triggers' | 'bodies' | 'outsideBodies' | 'readsBodiesIn'> = {
  triggers: UNSAFE_TRIGGER,
  bodies: 'maps',
  outsideBodies: MAP_MEMORY_OUTSIDE_BODIES,
  readsBodiesIn: (text) => mayTouchMapMemory(text),
};

/**
 * The same test on a file's text, before parsing (a superset: an import path is written in
 * the text): whether the file may import unsafe or C, or reflect with a Pointer call.
 */
export function mayTouchMapMemory(text: string): boolean {
  return /["`](?:unsafe|C)["`]/.test(text) || (/["`]reflect["`]/.test(text) && /\.(?:Unsafe)?Pointer\(\)/.test(text));
}

/** Files where map memory can be reached at all. */
export function touchesMapMemory(file: SourceFile): boolean {
  // Necessary conditions, tested on the text before any tree walk: a map's memory is
  // reached only through unsafe's functions, cgo calls, or a reflect pointer.
  for (const i of file.imports) {
    if (i.path === 'C') return true;
    if (i.path === 'unsafe' && (i.local === '.' || file.text.includes(`${i.local}.`))) return true;
    if (i.path === 'reflect' && /\.(?:Unsafe)?Pointer\(\)/.test(file.text)) return true;
  }
  return false;
}

export const mapMemoryAnalysis: Analysis<MapMemoryFacts> = {
  name: 'map-memory',
  run(ctx) {
    const oracle = ctx.get(typesAnalysis);
    const d = new MapDerivation(oracle);
    const facts: MapMemoryFacts = {
      derivation: d,
      addressViews: [],
      reflectViews: [],
      headerViews: [],
      offsets: [],
      cCalls: [],
      preamble: preambleReader(),
    };
    const seenOrigins = new Set<string>();
    const firstOf = (origin: Node) => {
      const k = oracle.resolver.key(origin);
      if (seenOrigins.has(k)) return false;
      seenOrigins.add(k);
      return true;
    };
    const steps: { node: Node; map: string; offset: number }[] = [];
    const superseded = new Set<string>();
    for (const file of ctx.pkg.files) {
      if (!touchesMapMemory(file)) continue;
      // Every derivation starts from an expression of map type: bodies that name no map are passed over.
      const nodes: Node[] = [];
      for (const top of namedChildrenNoComments(file.root)) {
        const body = top.type === T.funcDecl || top.type === T.methodDecl ? field(top, 'body') : null;
        if (body && file.bodies?.all.has(body.startIndex) && !file.bodies.map.has(body.startIndex)) continue;
        for (const n of top.descendantsOfType([T.callExpr, T.typeConversion, T.binaryExpr, T.assignment])) if (n) nodes.push(n);
      }
      for (const node of nodes) {
        const c = node.type === T.assignment || node.type === T.binaryExpr ? null : d.conversion(node);
        if (c) {
          const v = d.eval(c.arg);
          const view = (map: string): MapView => ({ node, map, target: c.targetText, elem: c.target.elem });
          if (v?.kind === 'addr' && !oracle.isMapType(c.target.elem) && firstOf(v.origin)) facts.addressViews.push(view(v.map));
          if (v?.kind === 'header') {
            facts.headerViews.push(view(v.map));
            if (v.via === 'reflect' && v.offset === 0 && !v.step && firstOf(v.origin)) facts.reflectViews.push(view(v.map));
          }
          continue;
        }
        if (node.type === T.callExpr) {
          const call = cCall(d, node, file);
          if (call) facts.cCalls.push(call);
        }
        const v = node.type === T.assignment ? d.compoundAssigned(node) : d.eval(node);
        if (v?.kind === 'header' && v.step?.id === node.id) {
          steps.push({ node, map: v.map, offset: v.offset });
          if (v.prev) superseded.add(oracle.resolver.key(v.prev));
        }
      }
    }
    facts.offsets = steps.filter((s) => !superseded.has(oracle.resolver.key(s.node)));
    return facts;
  },
};

function cCall(d: MapDerivation, node: Node, file: SourceFile): CCall | null {
  const fn = field(node, 'function');
  if (!fn || !d.isImported(fn, 'C')) return null;
  const name = field(unparen(fn), 'field')?.text;
  const argsNode = field(node, 'arguments');
  if (!name || !argsNode) return null;
  const args = namedChildrenNoComments(argsNode).map((a) => d.eval(a));
  return args.some((a) => a && a.kind !== 'rvalue') ? { call: node, file, fn: name, args } : null;
}

function preambleReader(): (file: SourceFile) => PreambleFacts | null {
  const memo = new Map<SourceFile, PreambleFacts | null>();
  return (file) => {
    if (memo.has(file)) return memo.get(file) ?? null;
    let facts: PreambleFacts | null = null;
    const parser = loadedParser('c');
    const comments = file.cgo?.preamble ?? [];
    const first = comments[0];
    const last = comments[comments.length - 1];
    if (parser && first && last) {
      facts = analyzePreamble(parser, file.text.slice(first.startIndex, last.endIndex), {
        line: first.startPosition.row,
        column: first.startPosition.column,
        index: first.startIndex,
      });
    }
    memo.set(file, facts);
    return facts;
  };
}
