// Which function bodies of a directory can matter to any rule, decided on the text before
// parsing, so that the parser never sees the others (tree-sitter's included ranges leave
// the body's interior out; the braces stay, so the declaration keeps an empty body).
//
// Parsing is most of a scan's cost, and in real code most function bodies touch no map,
// lock, goroutine or channel. What a finding rests on: the access (in a body that names a
// map), the locks held and the goroutines it runs in (from every caller, up to the roots),
// the lock effects and joins of the functions it calls, and where a getter's result comes
// from. So a body is kept when
//   - it names a map: the word `map`, or a package-level name whose declaration involves
//     one (a variable, struct field, interface method, named type, or a function whose
//     result type does; a parameter or receiver of map type is named in the signature), transitively (a field of type `Set` where `type Set map[string]bool`);
//     or it holds a //go:linkname directive;
//   - it names a kept function (its callers: call sites decide the locks held on entry,
//     the roots and contexts), or a package-level variable initialised with one;
// and a body is parsed, though its callers need not be, when
//   - it is kept;
//   - it starts a goroutine (a type whose method starts one is shared with goroutines);
//   - a parsed body names it and it has effects a caller sees: it takes or releases a
//     lock, waits, receives, sends, closes or selects, names a channel (a name declared
//     with `chan`, as above), or calls one of its own parameters (a callback runs under
//     its locks); or it returns more than basic types (the engine follows a getter's
//     return expression to know which map it is).
// Names are compared as identifiers, never resolved: a local that shadows a kept name
// keeps a body too, which costs a parse and never a finding.
//
// The lexer is Go's lexical grammar (comments, interpreted, raw and rune literals,
// automatic semicolons). When a file cannot be lexed cleanly (an unterminated literal
// or comment, unbalanced brackets) nothing of it is skipped.

/** Identifiers of the effects a caller sees (with `<-` and calls of the function's own parameters). */
const EFFECTS = new Set([
  'chan', 'select', 'close',
  'Lock', 'RLock', 'Unlock', 'RUnlock', 'TryLock', 'TryRLock', 'Locker', 'Mutex', 'RWMutex', 'Wait',
]);

/** Result types that cannot lead to a map (a getter returning these is never followed). */
const BASIC = new Set([
  'bool', 'string', 'error', 'byte', 'rune', 'uintptr',
  'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64',
  'float32', 'float64', 'complex64', 'complex128',
]);

/** A function declaration's spans: `{` and `}` of its body are at `open` and `close`. */
interface FuncDecl {
  name: string;
  open: number;
  close: number;
  /** Identifiers of the signature and body. */
  idents: Set<string>;
  /** Identifiers of the result types. */
  result: Set<string>;
  /** Has effects a caller sees (locks, waits, channel operations, callbacks). */
  effect: boolean;
  /** Holds a //go:linkname directive. */
  linkname: boolean;
  /** The result can lead to a map (not only basic types). */
  follow: boolean;
  kept: boolean;
  parsed: boolean;
}

interface Segment { idents: Set<string>; declared: string[] }

interface Lexed { funcs: FuncDecl[]; segments: Segment[] }

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
  const flushSegment = () => {
    if (seg.length === 0) return;
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
    seg = [];
  };
  let depth = 0;
  let prev = -1; // previous significant token
  // Open brackets at top level; a segment declares names only directly at top level, in a
  // `var (`, `const (` or `type (` group, or in a struct or interface body.
  const openers: number[] = [];
  let segDeclares = false;
  const declaringContext = () => {
    if (openers.length === 0) return true;
    const o = openers[openers.length - 1]!;
    const before = o - 1 >= 0 && kind[o - 1] === IDENT ? word(o - 1) : '';
    return ch(o) === 40 ? /^(var|const|type)$/.test(before) : ch(o) === 123 && (before === 'struct' || before === 'interface');
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
    if (seg.length === 0) segDeclares = declaringContext();
    if (kd === OP) {
      const c = ch(k);
      if (c === 40 || c === 91 || c === 123) {
        depth++;
        openers.push(k);
        if (declaringContext()) {
          // `struct{ a, b map[int]int }`, `var ( x = 1 )` on one line: what follows declares names.
          seg.push(k);
          prev = k;
          flushSegment();
          continue;
        }
      } else if (c === 41 || c === 93 || c === 125) { if (--depth < 0) return null; openers.pop(); }
      else if (c === 59) { flushSegment(); prev = k; continue; }
    }
    seg.push(k);
    prev = k;
  }
  flushSegment();
  if (depth !== 0) return null;
  return { funcs, segments };

  /** A function declaration from its `func` token: the declaration (null without a body) and its last token. */
  function lexFunc(k0: number): { decl: FuncDecl | null; last: number } | null {
    const idents = new Set<string>();
    const called = new Set<string>();
    const params = new Set<string>();
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
    if (ch(k) === 40 && !skipGroup(params)) return null; // receiver
    skipNl();
    if (kind[k] !== IDENT) return { decl: null, last: k - 1 }; // not a declaration after all (cannot happen in valid Go)
    const name = word(k);
    idents.add(name);
    k++;
    if (ch(k) === 91 && !skipGroup(params)) return null; // type parameters
    if (ch(k) !== 40 || !skipGroup(params)) return null; // parameters
    // Result, then the body's `{` on the same line, or the end of a declaration without a body.
    const result = new Set<string>();
    let follow = false;
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
        if (!BASIC.has(w)) follow = true;
        last = k;
        continue;
      }
      if (kd === OP) {
        const c = ch(k);
        if (c === 123 && d === 0 && !(kind[last] === IDENT && (isWord(last, 'struct') || isWord(last, 'interface')))) break;
        if (c === 59 && d === 0) return { decl: null, last: k };
        if (c === 40 || c === 91 || c === 123) d++;
        else if (c === 41 || c === 93 || c === 125) { if (--d < 0) return null; }
        else if (c === 42) follow = true; // a pointer
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
    if (!effect) for (const w of idents) if (EFFECTS.has(w)) { effect = true; break; }
    const linkname = linknames.some((i) => i > start[open]! && i < start[k]!);
    // A call of one of its own parameters (a callback runs here, under this body's locks).
    if (!effect) for (const w of params) if (called.has(w) && !BASIC.has(w)) { effect = true; break; }
    return { decl: { name, open: start[open]!, close: start[k]!, idents, result, effect, linkname, follow, kept: false, parsed: false }, last: k };
  }
}

function hasNewlineBetween(kind: Uint8Array, a: number, b: number): boolean {
  for (let k = a + 1; k < b; k++) if (kind[k] === NL) return true;
  return false;
}

/** What the text says about one file's function bodies. */
export interface BodyRelevance {
  /** Spans `[from, to)` (body interiors) to leave out of the parse; sorted, disjoint. */
  skip: Array<[number, number]>;
  /**
   * Start offsets (the `{`) of the function bodies that name a map: the word `map`, or a
   * package-level name whose declaration involves a map (a variable, field, type, or a
   * function whose signature does). Only these can hold an expression of map type.
   */
  mapBodies: Set<number>;
  /** Start offsets of every function declaration's body the lexer saw. */
  bodies: Set<number>;
}

/** Body relevance of each file of one directory. Files absent from the map could not be lexed: parse and analyse them whole. */
export function bodyRelevance(files: ReadonlyArray<{ path: string; text: string }>): Map<string, BodyRelevance> {
  const lexed: Array<{ path: string; lx: Lexed }> = [];
  for (const f of files) {
    const lx = lexFile(f.text);
    if (lx) lexed.push({ path: f.path, lx });
  }
  const out = new Map<string, BodyRelevance>();
  const mapNames = dataNames(lexed, ['map']);
  markKept(lexed, mapNames, dataNames(lexed, ['chan']));
  for (const { path, lx } of lexed) {
    const skip: Array<[number, number]> = [];
    const mapBodies = new Set<number>();
    const bodies = new Set<number>();
    for (const f of lx.funcs) {
      bodies.add(f.open);
      if (!f.parsed && f.close > f.open + 1) skip.push([f.open + 1, f.close]);
      for (const w of f.idents) if (mapNames.has(w)) { mapBodies.add(f.open); break; }
    }
    out.set(path, { skip, mapBodies, bodies });
  }
  return out;
}

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

/** Sets `kept` and `parsed` on every function declaration (see the head of this file). */
function markKept(lexed: ReadonlyArray<{ lx: Lexed }>, mapNames: ReadonlySet<string>, chanNames: ReadonlySet<string>): void {
  const funcsByIdent = new Map<string, FuncDecl[]>();
  const segsByIdent = new Map<string, Segment[]>();
  const funcsByName = new Map<string, FuncDecl[]>();
  // Only function names and names declared at package level ever become names to follow:
  // index the mentions of those alone.
  const candidates = new Set<string>();
  for (const { lx } of lexed) {
    for (const f of lx.funcs) { push(funcsByName, f.name, f); candidates.add(f.name); }
    for (const s of lx.segments) for (const d of s.declared) candidates.add(d);
  }
  for (const { lx } of lexed) {
    for (const f of lx.funcs) {
      for (const w of f.idents) {
        if (candidates.has(w)) push(funcsByIdent, w, f);
        if (!f.effect && chanNames.has(w)) f.effect = true;
      }
    }
    for (const s of lx.segments) for (const w of s.idents) if (candidates.has(w)) push(segsByIdent, w, s);
  }
  // Backward: bodies that name a map, and every body that names a kept function.
  const names = new Set<string>();
  const pending: string[] = [];
  const addName = (w: string) => { if (!names.has(w)) { names.add(w); pending.push(w); } };
  const toParse: FuncDecl[] = [];
  const parse = (f: FuncDecl) => {
    if (f.parsed) return;
    f.parsed = true;
    toParse.push(f);
  };
  const keep = (f: FuncDecl) => {
    if (f.kept) return;
    f.kept = true;
    addName(f.name);
    parse(f);
  };
  const done = new Set<Segment>();
  for (const { lx } of lexed) for (const f of lx.funcs) {
    if (f.linkname) keep(f);
    else for (const w of f.idents) if (mapNames.has(w)) { keep(f); break; }
    if (f.idents.has('go')) parse(f);
  }
  for (;;) {
    if (pending.length) {
      const w = pending.pop()!;
      // `var handler = process`: callers of handler() are callers of process.
      for (const s of segsByIdent.get(w) ?? []) if (!done.has(s)) { done.add(s); for (const d of s.declared) addName(d); }
      for (const f of funcsByIdent.get(w) ?? []) keep(f);
      continue;
    }
    if (toParse.length) {
      // Forward: functions a parsed body names whose effects or results it sees.
      const f = toParse.pop()!;
      for (const w of f.idents) for (const g of funcsByName.get(w) ?? []) if ((g.effect || g.follow) && g !== f) parse(g);
      continue;
    }
    break;
  }
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

