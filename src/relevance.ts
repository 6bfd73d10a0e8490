// Which function bodies of a directory can matter to any rule, decided on the text before
// parsing, so that the parser never sees the others (tree-sitter's included ranges leave
// the body's interior out; the braces stay, so the declaration keeps an empty body).
//
// Parsing is most of a scan's cost, and in real code most function bodies touch no map
// and take part in no concurrency. The rules read function bodies in two ways:
//   - the map-memory analysis (unsafe-map-cast, cgo-hmap-offset) looks inside a body only
//     when it names a map: the word `map`, or a package-level name whose declaration
//     involves one (a variable, struct field, interface method, named type, or a function
//     whose result type does), transitively (a field of type `Set` where
//     `type Set map[string]bool`); a body holding a //go:linkname is read too;
//   - the concurrency engine (src/concurrency/program.ts) walks the functions whose text
//     may start goroutines, take locks or serve HTTP (CONCURRENCY_TEXT), the methods of
//     types that hold a mutex and the callers of their map getters, everything those call,
//     the exported methods of types shared with goroutines, and the callers, up the
//     chain, of the unexported functions among them that touch a map or start goroutines.
// This file computes a superset of both from the text, with the engine's own text tests
// where it uses text and identifiers where it resolves names, and leaves every other
// body out of the parse. Names are compared as identifiers, never resolved: a local that
// shadows a function's name keeps a body too, which costs a parse and never a finding.
// Each package of a directory is taken on its own, as the analysis takes it (an external
// _test package's call of `p.F` does not reach p's F). The walk is parsed only where the
// engine walks at all (a concurrency import or a go statement; never in the runtime's own
// package) and, when the rules that need it judge only map accesses, only where one of
// the functions it may walk names a map; the bodies that name a map only for a rule that
// reads them or for the walk.
//
// Package-level data tables are left out too: the interior of a composite literal that
// initialises a package-level variable (`var tab = []row{...}`) when it holds no function
// literal and names no function of the package (a function value in a table is a call
// site), no map or channel (nor a name declared with one), nothing of unsafe, reflect or
// cgo, and none of the concurrency vocabulary. The variable keeps its declared or literal
// type (the tree has `[]row{}` there); generated tables (instruction sets, Unicode data)
// are among the densest text a scan parses.
//
// The interior of a string literal longer than 4,096 UTF-16 units outside function
// declarations is left out as well (embedded data, generated assets: tree-sitter makes a
// node of every escape sequence); the literal stays, empty.
//
// The lexer is Go's lexical grammar (comments, interpreted, raw and rune literals,
// automatic semicolons). When a file cannot be lexed cleanly (an unterminated literal
// or comment, unbalanced brackets) nothing of it is skipped.

import { CONCURRENCY_IMPORT_TEXT, CONCURRENCY_TEXT, contextAfterFunc } from './triggers.js';
import { isPrivateFuncName } from './syntax.js';
import { Mentions } from './words.js';

/** A function declaration: `func` at `start`, the `{` and `}` of its body at `open` and `close`. */
interface FuncDecl {
  name: string;
  start: number;
  open: number;
  close: number;
  /** Identifiers of the signature and body. */
  idents: Set<string>;
  /** Identifiers of the receiver. */
  receiver: Set<string>;
  /** Identifiers of the result types. */
  result: Set<string>;
  /** Holds a //go:linkname directive. */
  linkname: boolean;
  /** Sends, receives (`<-`) or calls one of its own parameters. */
  effect: boolean;
  /** Returns something other than basic types (the engine may follow its return expression). */
  returnsValue: boolean;
}

interface Segment { idents: Set<string>; declared: string[] }

/** The braces of a composite literal that initialises a package-level variable (`var t = []row{...}`), the identifiers of it and its type, and whether a //go:linkname lies inside. */
interface DataLit { open: number; close: number; idents: Set<string>; linkname: boolean }

interface Lexed {
  funcs: FuncDecl[];
  segments: Segment[];
  /** Struct types with a field that names a mutex (a superset of those that hold one). */
  lockTypes: Set<string>;
  /** Outermost composite literals in package-level variable initialisers that hold no function literal. */
  dataLits: DataLit[];
  /** The name in the package clause, when the file starts with one (after comments). */
  packageName: string | null;
  /** Interiors of string literals longer than BIG_STRING outside function declarations (embedded data). */
  bigStrings: Array<[number, number]>;
}

/** A string literal longer than this (UTF-16 units) outside function declarations is data: its interior is left out. */
const BIG_STRING = 4096;

const IDENT = 1, LIT = 2, OP = 3, NL = 4;

/** Tokens of one file; null when the text is not lexically valid Go. */
function tokenize(text: string): { kind: Uint8Array; start: Int32Array; end: Int32Array; n: number } | null {
  const len = text.length;
  let cap = 1024;
  let kind = new Uint8Array(cap), start = new Int32Array(cap), end = new Int32Array(cap);
  let n = 0;
  const push = (k: number, s: number, e: number) => {
    if (n === cap) {
      cap *= 2;
      const k2 = new Uint8Array(cap); k2.set(kind); kind = k2;
      const s2 = new Int32Array(cap); s2.set(start); start = s2;
      const e2 = new Int32Array(cap); e2.set(end); end = e2;
    }
    kind[n] = k; start[n] = s; end[n] = e; n++;
  };
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === 10) { push(NL, i, i + 1); i++; continue; }
    if (c === 32 || c === 9 || c === 13) { i++; continue; }
    if (c === 47 /* / */) {
      const d = text.charCodeAt(i + 1);
      if (d === 47) { const e = text.indexOf('\n', i); i = e < 0 ? len : e; continue; }
      if (d === 42) {
        const e = text.indexOf('*/', i + 2);
        if (e < 0) return null;
        if (text.lastIndexOf('\n', e) > i) push(NL, i, e + 2); // a comment spanning lines acts as a newline
        i = e + 2;
        continue;
      }
      push(OP, i, i + 1); i++; continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < len && isIdentPart(text.charCodeAt(j))) j++;
      push(IDENT, i, j); i = j; continue;
    }
    if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < len) {
        const d = text.charCodeAt(j);
        if (isIdentPart(d) || d === 46) { j++; continue; }
        if ((d === 43 || d === 45) && /[eEpP]/.test(text[j - 1]!) && !/^0[xX][0-9a-fA-F_]*[eE]$/.test(text.slice(i, j))) { j++; continue; }
        break;
      }
      push(LIT, i, j); i = j; continue;
    }
    if (c === 34 /* " */ || c === 39 /* ' */) {
      let j = i + 1;
      for (;;) {
        if (j >= len) return null;
        const d = text.charCodeAt(j);
        if (d === 92) { j += 2; continue; }
        if (d === 10) return null;
        j++;
        if (d === c) break;
      }
      push(LIT, i, j); i = j; continue;
    }
    if (c === 96 /* ` */) {
      const e = text.indexOf('`', i + 1);
      if (e < 0) return null;
      push(LIT, i, e + 1); i = e + 1; continue;
    }
    if (c === 46 && isDigit(text.charCodeAt(i + 1))) {
      let j = i + 1;
      while (j < len && (isIdentPart(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      push(LIT, i, j); i = j; continue;
    }
    if (c === 60 && text.charCodeAt(i + 1) === 45) { push(OP, i, i + 2); i += 2; continue; } // <-
    if (c === 43 && text.charCodeAt(i + 1) === 43 || c === 45 && text.charCodeAt(i + 1) === 45) { push(OP, i, i + 2); i += 2; continue; } // ++ --
    push(OP, i, i + 1); i++;
  }
  return { kind, start, end, n };
}

function isDigit(c: number): boolean { return c >= 48 && c <= 57; }
function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c > 127 && /\p{L}/u.test(String.fromCharCode(c)));
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || (c > 127 && /\p{Nd}/u.test(String.fromCharCode(c)));
}

const ENDS_STATEMENT_KEYWORDS = new Set(['break', 'continue', 'fallthrough', 'return']);
const NOT_ENDING_KEYWORDS = new Set(['func', 'struct', 'interface', 'map', 'chan', 'type', 'var', 'const', 'import', 'package', 'go', 'defer', 'if', 'else', 'for', 'switch', 'select', 'case', 'default', 'range', 'goto']);

/** The declarations of one file. Null when it cannot be lexed or its brackets do not balance. */
function lexFile(text: string): Lexed | null {
  const t = tokenize(text);
  if (!t) return null;
  const { kind, start, end, n } = t;
  const ch = (k: number) => (kind[k] === OP ? text.charCodeAt(start[k]!) : 0);
  const word = (k: number) => text.slice(start[k]!, end[k]!);
  const isWord = (k: number, w: string) => kind[k] === IDENT && end[k]! - start[k]! === w.length && text.startsWith(w, start[k]!);
  // Whether a newline after token k inserts a semicolon (Go spec, "Semicolons").
  const endsStatement = (k: number) => {
    if (k < 0) return true;
    if (kind[k] === LIT) return true;
    if (kind[k] === IDENT) { const w = word(k); return ENDS_STATEMENT_KEYWORDS.has(w) || !NOT_ENDING_KEYWORDS.has(w); }
    if (kind[k] === OP) {
      const c = ch(k);
      if (c === 41 || c === 93 || c === 125) return true; // ) ] }
      if (end[k]! - start[k]! === 2 && (c === 43 || c === 45)) return true; // ++ --
    }
    return false;
  };
  const funcs: FuncDecl[] = [];
  const segments: Segment[] = [];
  let seg: number[] = [];
  // //go:linkname directives are read from the tree wherever they are: a body holding one is kept.
  const linknames: number[] = [];
  for (let i = text.indexOf('//go:linkname'); i >= 0; i = text.indexOf('//go:linkname', i + 1)) linknames.push(i);
  const lockTypes = new Set<string>();
  const flushSegment = (): string[] => {
    if (seg.length === 0) return [];
    const idents = new Set<string>();
    for (const k of seg) if (kind[k] === IDENT) idents.add(word(k));
    const declared: string[] = [];
    let p = segDeclares ? 0 : seg.length;
    if (kind[seg[0]!] === IDENT && /^(type|var|const)$/.test(word(seg[0]!))) p++;
    if (p < seg.length && kind[seg[p]!] === IDENT) {
      declared.push(word(seg[p]!));
      p++;
      while (p + 1 < seg.length && ch(seg[p]!) === 44 && kind[seg[p + 1]!] === IDENT) { declared.push(word(seg[p + 1]!)); p += 2; }
      if (declared.some((d) => d === '_' || NOT_ENDING_KEYWORDS.has(d) || ENDS_STATEMENT_KEYWORDS.has(d))) declared.length = 0;
    }
    if (idents.size > 0) segments.push({ idents, declared });
    if (idents.has('Mutex') || idents.has('RWMutex') || idents.has('Locker')) for (const o of owners) if (o) lockTypes.add(o);
    seg = [];
    return declared;
  };
  let depth = 0;
  let prev = -1; // previous significant token
  // Open brackets at top level; a segment declares names only directly at top level, in a
  // `var (`, `const (` or `type (` group, or in a struct or interface body.
  const openers: number[] = [];
  // For each opener, the struct type whose fields follow it (null for other brackets).
  const owners: Array<string | null> = [];
  let segDeclares = false;
  const declaringContext = () => {
    if (openers.length === 0) return true;
    const o = openers[openers.length - 1]!;
    const before = o - 1 >= 0 && kind[o - 1] === IDENT ? word(o - 1) : '';
    return ch(o) === 40 ? /^(var|const|type)$/.test(before) : ch(o) === 123 && (before === 'struct' || before === 'interface');
  };
  const dataLits: DataLit[] = [];
  const bigStrings: Array<[number, number]> = [];
  // The composite literal whose `{` is at k0, when it is a package-level variable's
  // initialiser: at top level (or directly in a `var (` group), after the spec's `=` with
  // no `func` between, after a type (a name, `]` or a struct type's `}`).
  const dataLiteral = (k0: number): DataLit | null => {
    if (openers.length > 1) return null;
    if (openers.length === 1) { const o = openers[0]!; if (ch(o) !== 40 || !isWord(o - 1, 'var')) return null; }
    else if (seg.length === 0 || !isWord(seg[0]!, 'var')) return null;
    const eq = seg.findIndex((t) => ch(t) === 61);
    if (eq < 0) return null;
    const before = k0 - 1;
    if (kind[before] === IDENT ? isWord(before, 'struct') || isWord(before, 'interface') : ch(before) !== 93 && ch(before) !== 125) return null;
    // The literal's type counts too (`map[string]int{...}`).
    const idents = new Set<string>();
    for (let i = eq + 1; i < seg.length; i++) {
      if (isWord(seg[i]!, 'func')) return null;
      if (kind[seg[i]!] === IDENT) idents.add(word(seg[i]!));
    }
    let d = 0;
    for (let k = k0; k < n; k++) {
      if (kind[k] === IDENT) { idents.add(word(k)); continue; }
      if (kind[k] !== OP) continue;
      const c = ch(k);
      if (c === 40 || c === 91 || c === 123) d++;
      else if ((c === 41 || c === 93 || c === 125) && --d === 0) {
        if (c !== 125) return null;
        const open = start[k0]!, close = start[k]!;
        return { open, close, idents, linkname: linknames.some((i) => i > open && i < close) };
      }
    }
    return null;
  };
  for (let k = 0; k < n; k++) {
    const kd = kind[k]!;
    if (kd === NL) { flushSegment(); continue; }
    if (depth === 0 && kd === IDENT && isWord(k, 'func') && (prev < 0 || ch(prev) === 59 || (endsStatement(prev) && hasNewlineBetween(kind, prev, k)))) {
      flushSegment();
      const f = lexFunc(k);
      if (f === null) return null;
      if (f.decl) funcs.push(f.decl);
      k = f.last;
      prev = k;
      continue;
    }
    if (kd === LIT && end[k]! - start[k]! > BIG_STRING) {
      const q = text.charCodeAt(start[k]!);
      if (q === 34 || q === 96) bigStrings.push([start[k]! + 1, end[k]! - 1]);
    }
    if (seg.length === 0) segDeclares = declaringContext();
    if (kd === OP) {
      const c = ch(k);
      if (c === 40 || c === 91 || c === 123) {
        const lit = c === 123 ? dataLiteral(k) : null;
        if (lit) dataLits.push(lit);
        depth++;
        openers.push(k);
        if (declaringContext()) {
          // `struct{ a, b map[int]int }`, `var ( x = 1 )` on one line: what follows declares names.
          seg.push(k);
          prev = k;
          const declared = flushSegment();
          owners.push(c === 123 && isWord(k - 1, 'struct') ? declared[0] ?? null : null);
          continue;
        }
        owners.push(null);
      } else if (c === 41 || c === 93 || c === 125) { if (--depth < 0) return null; openers.pop(); owners.pop(); }
      else if (c === 59) { flushSegment(); prev = k; continue; }
    }
    seg.push(k);
    prev = k;
  }
  flushSegment();
  if (depth !== 0) return null;
  let first = 0;
  while (first < n && kind[first] === NL) first++;
  const packageName = isWord(first, 'package') && kind[first + 1] === IDENT ? word(first + 1) : null;
  return { funcs, segments, lockTypes, dataLits, packageName, bigStrings };

  /** A function declaration from its `func` token: the declaration (null without a body) and its last token. */
  function lexFunc(k0: number): { decl: FuncDecl | null; last: number } | null {
    const idents = new Set<string>();
    const receiver = new Set<string>();
    const params = new Set<string>();
    const called = new Set<string>();
    let effect = false;
    let k = k0 + 1;
    const skipGroup = (into: Set<string> | null): boolean => {
      // k is at an opening bracket; advance past its match.
      let d = 0;
      for (; k < n; k++) {
        if (kind[k] === IDENT) { const w = word(k); idents.add(w); into?.add(w); continue; }
        if (kind[k] !== OP) continue;
        const c = ch(k);
        if (c === 40 || c === 91 || c === 123) d++;
        else if (c === 41 || c === 93 || c === 125) { d--; if (d === 0) { k++; return true; } if (d < 0) return false; }
      }
      return false;
    };
    const skipNl = () => { while (k < n && kind[k] === NL) k++; };
    skipNl();
    if (ch(k) === 40 && !skipGroup(receiver)) return null; // receiver
    skipNl();
    if (kind[k] !== IDENT) return { decl: null, last: k - 1 }; // not a declaration after all (cannot happen in valid Go)
    const name = word(k);
    idents.add(name);
    k++;
    if (ch(k) === 91 && !skipGroup(null)) return null; // type parameters
    if (ch(k) !== 40 || !skipGroup(params)) return null; // parameters
    // Result, then the body's `{` on the same line, or the end of a declaration without a body.
    const result = new Set<string>();
    let returnsValue = false;
    let d = 0;
    let last = k - 1;
    for (; k < n; k++) {
      const kd = kind[k]!;
      if (kd === NL) {
        if (d === 0 && endsStatement(last)) return { decl: null, last: k - 1 };
        continue;
      }
      if (kd === IDENT) {
        const w = word(k);
        idents.add(w);
        result.add(w);
        if (!BASIC.has(w)) returnsValue = true;
        last = k;
        continue;
      }
      if (kd === OP) {
        const c = ch(k);
        if (c === 123 && d === 0 && !(kind[last] === IDENT && (isWord(last, 'struct') || isWord(last, 'interface')))) break;
        if (c === 59 && d === 0) return { decl: null, last: k };
        if (c === 40 || c === 91 || c === 123) d++;
        else if (c === 41 || c === 93 || c === 125) { if (--d < 0) return null; }
        else if (c === 42) returnsValue = true; // a pointer
      }
      last = k;
    }
    if (k >= n) return null;
    const open = k;
    d = 0;
    for (; k < n; k++) {
      const kd = kind[k]!;
      if (kd === IDENT) {
        const w = word(k);
        idents.add(w);
        if (ch(k + 1) === 40) called.add(w);
        continue;
      }
      if (kd !== OP) continue;
      const c = ch(k);
      if (c === 60 && end[k]! - start[k]! === 2) effect = true; // <-
      else if (c === 40 || c === 91 || c === 123) d++;
      else if (c === 41 || c === 93 || c === 125) {
        d--;
        if (d === 0) break;
        if (d < 0) return null;
      }
    }
    if (k >= n || ch(k) !== 125) return null;
    const linkname = linknames.some((i) => i > start[open]! && i < start[k]!);
    // A call of one of its own parameters: a callback runs here, under this body's locks.
    if (!effect) for (const w of params) if (called.has(w) && !BASIC.has(w)) { effect = true; break; }
    return { decl: { name, start: start[k0]!, open: start[open]!, close: start[k]!, idents, receiver, result, linkname, effect, returnsValue }, last: k };
  }
}

function hasNewlineBetween(kind: Uint8Array, a: number, b: number): boolean {
  for (let k = a + 1; k < b; k++) if (kind[k] === NL) return true;
  return false;
}

/** What the text says about one file's function bodies. */
export interface BodyRelevance {
  /** Spans `[from, to)` (body interiors, data literal interiors) to leave out of the parse; sorted, disjoint. */
  skip: Array<[number, number]>;
  /**
   * Start offsets (the `{`) of the function bodies that name a map: the word `map`, or a
   * package-level name whose declaration involves a map (a variable, field, type, or a
   * function whose result type does; a map parameter is named in the signature). Only
   * these can hold an expression of map type.
   */
  mapBodies: Set<number>;
  /** Start offsets of every function declaration's body the lexer saw. */
  bodies: Set<number>;
  /** No file of the package has the identifier `map`: no expression in it has a map type. */
  mapless: boolean;
  /**
   * Some function the concurrency engine may walk names a map (and so may hold a map
   * access it judges). False when the run needs no walk, the package is mapless, or none
   * of the walkable functions that can change a finding names a map: then the rules that
   * need a map type do not run (Rule.needsMapType), and when they are the only ones that
   * need the walk (`mapAccessesOnly`), no function is parsed for it.
   */
  judgesMaps: boolean;
  /** A function body with something in it stays in the parse. */
  keepsBody: boolean;
  /** The name in the file's package clause (null: none before the first declaration). */
  packageName: string | null;
}

export interface RelevanceOptions {
  /**
   * The rules that need the walk judge only map accesses (Rule.needsMapType), so the walk is
   * not parsed where none of its functions names a map (default false).
   */
  mapAccessesOnly?: boolean;
  /**
   * A rule of the run reads the bodies that name a map (Rule.bodies `'maps'`; default true).
   * When none does and nothing is parsed for the walk, those bodies are left out too.
   */
  readsMapBodies?: boolean;
  /** The engine walks nothing in this directory whatever it holds (the runtime's own; default false). */
  noWalk?: boolean;
}

/**
 * Body relevance of each file of one directory. Files absent from the map could not be
 * lexed: parse and analyse them whole. `walks` says whether the rules of the run need the
 * concurrency engine's walk, given whether the directory is mapless (no identifier `map`
 * anywhere); without it only the bodies that name a map or hold a linkname are parsed.
 * See RelevanceOptions for the rest.
 */
export function bodyRelevance(files: ReadonlyArray<{ path: string; text: string }>, walks: (mapless: boolean) => boolean = () => true, options: RelevanceOptions = {}): Map<string, BodyRelevance> {
  const { mapAccessesOnly = false, readsMapBodies = true, noWalk = false } = options;
  const lexed: Array<{ path: string; text: string; lx: Lexed }> = [];
  const out = new Map<string, BodyRelevance>();
  for (const f of files) {
    const lx = lexFile(f.text);
    // One file the lexer cannot read hides its calls from the others: parse the directory whole.
    if (!lx) return out;
    lexed.push({ path: f.path, text: f.text, lx });
  }
  // Each package of the directory (an external _test package is another) is analysed on
  // its own: a name in one never leads into the other. When a file's package clause was
  // not seen, the directory is taken as one.
  const packages = new Map<string, Array<{ path: string; text: string; lx: Lexed }>>();
  if (lexed.every(({ lx }) => lx.packageName !== null)) for (const l of lexed) push(packages, l.lx.packageName!, l);
  else packages.set('', lexed);
  const walksIn = (mapless: boolean) => !noWalk && walks(mapless);
  for (const pkg of packages.values()) packageRelevance(pkg, walksIn, mapAccessesOnly, readsMapBodies, out);
  return out;
}

/** bodyRelevance for the files of one package. */
function packageRelevance(lexed: ReadonlyArray<{ path: string; text: string; lx: Lexed }>, walks: (mapless: boolean) => boolean, mapAccessesOnly: boolean, readsMapBodies: boolean, out: Map<string, BodyRelevance>): void {
  const mapNames = dataNames(lexed, ['map']);
  const namesMap = new Set<FuncDecl>();
  const byName = new Map<string, FuncDecl[]>();
  for (const { lx } of lexed) for (const f of lx.funcs) {
    push(byName, f.name, f);
    for (const w of f.idents) if (mapNames.has(w)) { namesMap.add(f); break; }
  }
  // What the engine may walk, of that what can change a finding, and the getters those call.
  const chanNames = dataNames(lexed, ['chan']);
  const reaching = reachingFacts(lexed, namesMap, chanNames);
  // No identifier `map` anywhere: no expression has a map type, and the rules that judge
  // map accesses do not run here (Rule.needsMapType).
  const mapless = namesMap.size === 0 && !lexed.some(({ lx }) => lx.segments.some((s) => s.idents.has('map')));
  // The engine walks a package only when it imports a concurrency package, holds a go statement,
  // or may register a context.AfterFunc callback.
  const engineWalks = lexed.some(({ text, lx }) => CONCURRENCY_IMPORT_TEXT.test(text) || contextAfterFunc(text) || lx.funcs.some((f) => f.idents.has('go')) || lx.segments.some((s) => s.idents.has('go')));
  const walkedAll = engineWalks && walks(mapless) ? [...walkable(lexed, byName, namesMap)].filter((f) => reaching.has(f)) : [];
  // Accesses are judged only in walked functions, and an access needs a name declared with
  // a map (a callee or literal that names one is walked and names it itself): with none
  // among them the walk can find nothing.
  const judgesMaps = walkedAll.some((f) => namesMap.has(f));
  const walked = judgesMaps || !mapAccessesOnly ? walkedAll : [];
  // The bodies that name a map are read by the map-memory rules, and by the walk.
  const keepMapBodies = readsMapBodies || walked.length > 0;
  const parsed = withGetters(walked, byName);
  // A data literal names nothing a rule follows: no function (a function value in a table is
  // a call the engine sees), no map or channel, nothing of unsafe, reflect, cgo or the
  // concurrency vocabulary.
  const inert = (lit: DataLit) => {
    for (const w of lit.idents) if (byName.has(w) || mapNames.has(w) || chanNames.has(w) || EFFECTS.has(w) || NOT_DATA.has(w)) return false;
    return true;
  };
  for (const { path, lx } of lexed) {
    const skip: Array<[number, number]> = [];
    const mapBodies = new Set<number>();
    const bodies = new Set<number>();
    let keepsBody = false;
    for (const f of lx.funcs) {
      bodies.add(f.open);
      if (namesMap.has(f)) mapBodies.add(f.open);
      if (f.close <= f.open + 1) continue;
      if (!(keepMapBodies && namesMap.has(f)) && !parsed.has(f) && !f.linkname) skip.push([f.open + 1, f.close]);
      else keepsBody = true;
    }
    const lits = lx.dataLits.filter((l) => l.close > l.open + 1 && !l.linkname && inert(l)).map((l): [number, number] => [l.open + 1, l.close]);
    // The text of a long string (an embedded file, a generated asset) is read by no rule: it stays a string, empty.
    for (const [a, b] of lx.bigStrings) if (!lits.some(([from, to]) => a >= from && b <= to)) lits.push([a, b]);
    out.set(path, { skip: lits.length ? [...skip, ...lits].sort((a, b) => a[0] - b[0]) : skip, mapBodies, bodies, mapless, judgesMaps, keepsBody, packageName: lx.packageName });
  }
}

/** Identifiers that keep a data literal in the parse besides the package's functions, maps and channels. */
const NOT_DATA = new Set(['func', 'map', 'go', 'unsafe', 'reflect', 'C', 'sync', 'atomic', 'http', 'Handler', 'HandlerFunc', 'WaitGroup', 'Once', 'Cond', 'Pool', 'Map']);

/**
 * Names whose package-level declaration involves one of `roots` (transitively): variables,
 * struct fields, interface methods, named types, and functions whose result type names one.
 */
function dataNames(lexed: ReadonlyArray<{ lx: Lexed }>, roots: string[]): Set<string> {
  const names = new Set<string>(roots);
  const segsByIdent = new Map<string, Segment[]>();
  const funcsBySigIdent = new Map<string, FuncDecl[]>();
  for (const { lx } of lexed) {
    for (const s of lx.segments) for (const w of s.idents) push(segsByIdent, w, s);
    for (const f of lx.funcs) for (const w of f.result) push(funcsBySigIdent, w, f);
  }
  const pending = [...roots];
  const seen = new Set<Segment | FuncDecl>();
  const add = (w: string) => { if (!names.has(w)) { names.add(w); pending.push(w); } };
  while (pending.length) {
    const w = pending.pop()!;
    for (const s of segsByIdent.get(w) ?? []) if (!seen.has(s)) { seen.add(s); for (const d of s.declared) add(d); }
    for (const f of funcsBySigIdent.get(w) ?? []) if (!seen.has(f)) { seen.add(f); add(f.name); }
  }
  return names;
}

/** Result types that cannot lead to a map (a getter returning only these is never followed). */
const BASIC = new Set([
  'bool', 'string', 'error', 'byte', 'rune', 'uintptr',
  'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64',
  'float32', 'float64', 'complex64', 'complex128',
]);

/** Identifiers of what gives a walked function facts that others see: locks, waits, channels. */
const EFFECTS = new Set([
  'chan', 'select', 'close', 'go',
  'Lock', 'RLock', 'Unlock', 'RUnlock', 'TryLock', 'TryRLock', 'Locker', 'Mutex', 'RWMutex', 'Wait',
]);

/**
 * The functions whose walk can change a finding: those that name a map (accesses), take
 * or release locks, wait, use channels, start goroutines, or call one of their own
 * parameters (a callback runs under their locks), and every function that names one of
 * them (its call sites decide their contexts and entry locks). A function outside this
 * set reaches nothing that matters: walked or not, no access is judged differently.
 */
function reachingFacts(lexed: ReadonlyArray<{ lx: Lexed }>, namesMap: ReadonlySet<FuncDecl>, chanNames: ReadonlySet<string>): Set<FuncDecl> {
  const out = new Set<FuncDecl>();
  const callers = new Map<string, FuncDecl[]>();
  const names = new Set<string>();
  for (const { lx } of lexed) for (const f of lx.funcs) names.add(f.name);
  const pending: FuncDecl[] = [];
  const reach = (f: FuncDecl) => { if (!out.has(f)) { out.add(f); pending.push(f); } };
  for (const { lx } of lexed) for (const f of lx.funcs) {
    for (const w of f.idents) if (names.has(w) && w !== f.name) push(callers, w, f);
    if (f.effect || f.linkname || namesMap.has(f)) { reach(f); continue; }
    for (const w of f.idents) if (EFFECTS.has(w) || chanNames.has(w)) { reach(f); break; }
  }
  const done = new Set<string>();
  while (pending.length) {
    const f = pending.pop()!;
    if (done.has(f.name)) continue;
    done.add(f.name);
    for (const g of callers.get(f.name) ?? []) reach(g);
  }
  return out;
}

/** `fns` and, transitively, the getters they call: the engine follows their return expressions (which map a call yields). */
function withGetters(fns: readonly FuncDecl[], byName: ReadonlyMap<string, FuncDecl[]>): Set<FuncDecl> {
  const out = new Set(fns);
  const queue = [...fns];
  while (queue.length) {
    const f = queue.pop()!;
    for (const w of f.idents) for (const g of byName.get(w) ?? []) if (!out.has(g) && g.returnsValue) { out.add(g); queue.push(g); }
  }
  return out;
}

/**
 * The function declarations the concurrency engine may walk (a superset; see the head of
 * this file and buildProgram in src/concurrency/program.ts, whose text tests are repeated
 * here on the same text).
 */
function walkable(lexed: ReadonlyArray<{ text: string; lx: Lexed }>, byName: ReadonlyMap<string, FuncDecl[]>, namesMap: ReadonlySet<FuncDecl>): Set<FuncDecl> {
  const all: FuncDecl[] = [];
  const byReceiver = new Map<string, FuncDecl[]>();
  const lockTypes = new Set<string>();
  for (const { lx } of lexed) {
    for (const f of lx.funcs) {
      all.push(f);
      for (const r of f.receiver) push(byReceiver, r, f);
    }
    for (const t of lx.lockTypes) lockTypes.add(t);
  }
  // The functions (from `func`, or from the body's `{`) whose text holds a match of `re`:
  // one scan of each file instead of a slice and a test per function.
  const holding = (re: RegExp, from: 'start' | 'open'): Set<FuncDecl> => {
    const out = new Set<FuncDecl>();
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (const { text, lx } of lexed) {
      const fs = lx.funcs;
      if (fs.length === 0) continue;
      g.lastIndex = 0;
      let i = 0;
      for (let m = g.exec(text); m; m = g.exec(text)) {
        if (m[0].length === 0) g.lastIndex++;
        const at = m.index;
        const endAt = at + m[0].length;
        while (i < fs.length && fs[i]!.close < at) i++;
        if (i === fs.length) break;
        const f = fs[i]!;
        if (at >= (from === 'start' ? f.start : f.open) && endAt <= f.close + 1) out.add(f);
      }
    }
    return out;
  };
  const ofLockType = (f: FuncDecl) => { for (const r of f.receiver) if (lockTypes.has(r)) return true; return false; };
  // Map getters of lock-holding types: their callers are walked.
  const getters = all.filter((f) => ofLockType(f) && f.result.has('map')).map((f) => f.name);
  const getterCall = getters.length ? new RegExp(`\\.(${getters.join('|')})\\(`) : null;

  const out = new Set<FuncDecl>();
  const queue: FuncDecl[] = [];
  const add = (f: FuncDecl) => { if (!out.has(f)) { out.add(f); queue.push(f); } };
  const seeds = holding(CONCURRENCY_TEXT, 'start');
  const getterCallers = getterCall ? holding(getterCall, 'start') : new Set<FuncDecl>();
  for (const f of all) if (ofLockType(f) || seeds.has(f) || getterCallers.has(f)) add(f);
  const shared = new Set<string>();
  const share = (t: string) => {
    if (shared.has(t)) return;
    shared.add(t);
    for (const m of byReceiver.get(t) ?? []) if (/^[A-Z]/.test(m.name)) add(m);
  };
  // Callers, up the chain, of the unexported functions that touch a map or start goroutines
  // (asked for in rounds, one pattern of the names asked each round, as the engine does).
  const chain = new Set<FuncDecl>();
  const mentions = new Mentions<FuncDecl>(
    () => lexed.flatMap(({ text, lx }) => lx.funcs.map((f) => ({ item: f, text, from: f.open, to: f.close }))),
    () => new Set(all.map((f) => f.name).filter(isPrivateFuncName)),
  );
  const askedNames = new Set<string>();
  let asking: string[] = [];
  const ask = (f: FuncDecl) => {
    if (!isPrivateFuncName(f.name) || askedNames.has(f.name)) return;
    askedNames.add(f.name);
    asking.push(f.name);
  };
  for (;;) {
    while (queue.length) {
      const f = queue.pop()!;
      // Everything it may call.
      for (const w of f.idents) for (const g of byName.get(w) ?? []) add(g);
      if (f.idents.has('go')) {
        // A type shared with goroutines: its exported methods may run concurrently with them.
        for (const r of f.receiver) share(r);
        for (const r of f.result) share(r);
        for (const w of f.idents) for (const g of byName.get(w) ?? []) for (const r of g.receiver) share(r);
      }
      if (chain.has(f) || f.idents.has('go') || namesMap.has(f)) ask(f);
    }
    if (asking.length === 0) break;
    const mentioning = mentions.of(asking);
    asking = [];
    for (const g of mentioning) {
      if (chain.has(g)) continue;
      chain.add(g);
      if (out.has(g)) ask(g);
      else add(g);
    }
  }
  return out;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v); else m.set(k, [v]);
}

/** Tree-sitter included ranges covering `text` except `skip` (sorted, disjoint spans). */
export function includedRanges(text: string, skip: ReadonlyArray<[number, number]>): Array<{ startIndex: number; endIndex: number; startPosition: { row: number; column: number }; endPosition: { row: number; column: number } }> {
  const out = [];
  let row = 0, lineStart = 0, scanned = 0;
  const point = (idx: number) => {
    for (let i = text.indexOf('\n', scanned); i >= 0 && i < idx; i = text.indexOf('\n', i + 1)) { row++; lineStart = i + 1; }
    scanned = idx;
    return { row, column: idx - lineStart };
  };
  let from = 0;
  for (const [s, e] of skip) {
    out.push({ startIndex: from, endIndex: s, startPosition: point(from), endPosition: point(s) });
    from = e;
  }
  out.push({ startIndex: from, endIndex: text.length, startPosition: point(from), endPosition: point(text.length) });
  return out;
}

