// Strategy 2: no lock guards the map yet. Declare one beside it (a struct field above
// the map field, a package variable after a package-level map, a local before a local
// map), import sync, and guard every access of the map in the package: one fix with
// edits across the package's files. Safe only when every reference to the map is an
// access in a statement that can be wrapped without risk.
import type { Node } from 'web-tree-sitter';
import type { Finding } from '../concurrency/conflicts.js';
import { DeclaredGuards, baseField } from '../concurrency/guards.js';
import type { Fix, TextEdit } from '../diagnostic.js';
import type { SourceFile } from '../package.js';
import { T, descendantsOf, enclosingFunction, field, unparen } from '../syntax.js';
import type { FixContext } from './context.js';
import { accessesOf, riskOf } from './context.js';
import { outermostStatements } from './guard.js';
import { statementOf } from './stmts.js';
import { alignCells, eol, importEdit, indentAt, lineStart } from './text.js';
import { realign, wrapStatement } from './wrap.js';

interface Owner {
  /** Declaration edits (the mutex and the sync import). */
  edits: TextEdit[];
  /** The lock expression at an access of the map. */
  lockAt(map: Node): string | null;
  /** References to the map that are not accesses the engine recorded (they cannot be guarded). */
  refs: Node[];
  /** The lock's owner is copied by value somewhere (the lock would be copied with it). */
  copied?: boolean;
  name: string;
}

export function addLock(fc: FixContext, f: Finding): Fix | null {
  const a = f.access;
  if (f.guard || /[[<]/.test(a.loc)) return null;
  // A mutex declared with the map is its guard already: guarding with it is the fix to write, not a second lock.
  if (new DeclaredGuards(fc.prog.oracle, fc.prog.ids).of(a.loc)) return null;
  const all = accessesOf(fc, a.loc);
  const live = all.filter((x) => !x.construction);
  const reads = live.filter((x) => x.kind !== 'write').length;
  const rw = reads > live.length - reads;
  const type = rw ? 'sync.RWMutex' : 'sync.Mutex';
  const owner = a.loc.startsWith('var:') ? packageVar(fc, a.loc, type) : a.loc.startsWith('field:') ? structField(fc, a.loc, type) : a.loc.startsWith('local:') ? localVar(fc, a.map, type) : null;
  if (!owner) return null;
  let safe = all.every((x) => !x.deferred) && !owner.copied;
  // Every reference must lie in an access (or be construction).
  const covered = (r: Node) => all.some((x) => r.startIndex >= x.map.startIndex && r.endIndex <= x.map.endIndex && r.tree === x.map.tree);
  if (owner.refs.some((r) => !covered(r))) safe = false;
  const edits = [...owner.edits];
  const risky = riskOf(fc, a.loc);
  const byFn = new Map<unknown, typeof live>();
  for (const x of live) {
    if (x.deferred) continue;
    const l = byFn.get(x.fn) ?? [];
    l.push(x);
    byFn.set(x.fn, l);
  }
  // Statements of all functions: a statement of one function may hold a literal with another's.
  const groups = outermostStatements([...byFn.values()].flat().map((x) => x.map));
  if (!groups) return null;
  const cuts = new Map<SourceFile, number[]>();
  for (const g of groups) {
    const lock = owner.lockAt(g.maps[0]!);
    if (!lock) return null;
    const read = rw && live.filter((x) => g.maps.includes(x.map)).every((x) => x.kind !== 'write');
    const file = fc.fileOf(g.stmt);
    const w = wrapStatement(file, g.stmt, lock, read, risky);
    if (!w) { safe = false; continue; }
    safe &&= w.safe;
    edits.push(...w.edits);
    const c = cuts.get(file) ?? [];
    c.push(...w.cuts);
    cuts.set(file, c);
  }
  for (const [file, c] of cuts) edits.push(...realign(file, c));
  return { title: `Guard every access of ${a.name.replace(/^.*\./, '')} with a new ${type} ${owner.name}`, safe, edits };
}

function syncImport(file: SourceFile): TextEdit[] | null {
  const e = importEdit(file, 'sync');
  if (e === 'conflict') return null;
  return e ? [e] : [];
}

function freeName(taken: (n: string) => boolean, ...names: string[]): string {
  for (const n of names) if (!taken(n)) return n;
  for (let i = 2; ; i++) if (!taken(`${names[names.length - 1]}${i}`)) return `${names[names.length - 1]}${i}`;
}

/** Whether a function body left out of the parse (src/relevance.ts) names `name`: it may use the type by value. */
function namedInSkippedBody(file: SourceFile, name: string): boolean {
  const re = new RegExp(`\\b${name}\\b`, 'g');
  for (const [from, to] of file.bodies?.skipped ?? []) {
    re.lastIndex = from;
    const m = re.exec(file.text);
    if (m && m.index < to) return true;
  }
  return false;
}

function identRefs(files: SourceFile[], within: Node | null, name: string, decl: Node, fc: FixContext): Node[] {
  const out: Node[] = [];
  for (const file of files) {
    const root = within && within.tree === file.tree ? within : within ? null : file.root;
    if (!root) continue;
    for (const id of descendantsOf(root, [T.identifier])) {
      if (id.text !== name || id.id === decl.id) continue;
      const d = fc.prog.oracle.resolver.resolve(id);
      if (d?.node && d.node.id === decl.id) out.push(id);
    }
  }
  return out;
}

function packageVar(fc: FixContext, loc: string, type: string): Owner | null {
  const name = /^var:(\w+)$/.exec(loc)?.[1];
  const d = name ? fc.prog.oracle.pkg.scope.get(name) : undefined;
  if (!name || !d?.node || d.kind !== 'var') return null;
  let decl: Node | null = d.node;
  while (decl && decl.type !== T.varDecl) decl = decl.parent;
  if (!decl || decl.parent?.type !== T.sourceFile) return null;
  const file = fc.fileOf(decl);
  const pkg = fc.prog.oracle.pkg;
  const mu = freeName((n) => pkg.scope.has(n), `${name}Mu`);
  const imp = syncImport(file);
  if (!imp) return null;
  const text = file.text;
  const nl = eol(text);
  const eolAt = text.indexOf('\n', decl.endIndex);
  const at = eolAt < 0 ? text.length : eolAt + 1;
  const block = decl.namedChildren.some((c) => c?.type === T.varSpecList);
  const newText = block ? `${nl}var ${mu} ${type}${nl}` : `var ${mu} ${type}${nl}`;
  // Initialisers and init() run before any goroutine: references there need no lock.
  const refs = identRefs(pkg.files, null, name, d.node, fc).filter((r) => {
    const fn = enclosingFunction(r);
    return fn && !(fn.type === T.funcDecl && field(fn, 'name')?.text === 'init');
  });
  return { edits: [...imp, { file: file.path, startIndex: at, endIndex: at, newText }], lockAt: () => mu, refs, name: mu };
}

function localVar(fc: FixContext, map: Node, type: string): Owner | null {
  const id = unparen(map);
  if (id.type !== T.identifier) return null;
  const d = fc.prog.oracle.resolver.resolve(id);
  if (!d?.node || d.kind !== 'var') return null;
  const stmt = statementOf(d.node);
  const fn = enclosingFunction(d.node);
  if (!stmt || !fn || (stmt.type !== T.shortVarDecl && stmt.type !== T.varDecl)) return null;
  const file = fc.fileOf(stmt);
  const imp = syncImport(file);
  if (!imp) return null;
  const text = file.text;
  const fnText = fn.text;
  const mu = freeName((n) => new RegExp(`\\b${n}\\b`).test(fnText) || fc.prog.oracle.pkg.scope.has(n), `${d.name}Mu`);
  const ind = indentAt(text, stmt.startIndex);
  if (lineStart(text, stmt.startIndex) + ind.length !== stmt.startIndex) return null;
  const refs = identRefs([file], fn, d.name, d.node, fc);
  return { edits: [...imp, { file: file.path, startIndex: stmt.startIndex, endIndex: stmt.startIndex, newText: `var ${mu} ${type}${eol(text)}${ind}` }], lockAt: () => mu, refs, name: mu };
}

function structField(fc: FixContext, loc: string, type: string): Owner | null {
  const bf = baseField(loc);
  if (!bf || loc !== `field:${bf.type}.${bf.field}`) return null;
  const pkg = fc.prog.oracle.pkg;
  const info = pkg.types.get(bf.type);
  if (!info || info.typeNode.type !== T.structType) return null;
  const list = info.typeNode.namedChildren.find((c) => c?.type === T.fieldDeclList);
  if (!list) return null;
  const decls = list.namedChildren.filter((c): c is Node => c?.type === T.fieldDecl);
  const target = decls.find((d) => d.childrenForFieldName('name').some((n) => n?.text === bf.field));
  if (!target) return null;
  const fieldNames = new Set(decls.flatMap((d) => d.childrenForFieldName('name').map((n) => n?.text ?? '')));
  const methods = pkg.methods.get(bf.type);
  const mu = freeName((n) => fieldNames.has(n) || !!methods?.has(n), 'mu', `${bf.field}Mu`);
  const file = fc.fileOf(target);
  const imp = syncImport(file);
  if (!imp) return null;
  const insert = alignedInsert(file, list, target, [mu, type]);
  if (!insert) return null;
  const refs: Node[] = [];
  // A mutex in a struct that is copied (value receivers, values passed or stored) would be copied too: go vet's copylocks.
  const copied = [...(methods?.values() ?? [])].some((m) => !m.pointerReceiver) || pkg.files.some((f) => descendantsOf(f.root, [T.typeIdentifier]).some((t) => {
    if (t.text !== bf.type || t.parent?.type === T.pointerType || t.parent?.type === T.typeSpec) return false;
    const lit = t.parent?.type === T.compositeLit ? t.parent : null;
    return !(lit && lit.parent?.type === T.unaryExpr && lit.parent.text.startsWith('&'));
  }) || namedInSkippedBody(f, bf.type));
  for (const f of pkg.files) {
    for (const sel of descendantsOf(f.root, [T.selectorExpr])) {
      if (field(sel, 'field')?.text === bf.field && fc.prog.ids.loc(sel) === loc) refs.push(sel);
    }
  }
  return {
    edits: [...imp, insert],
    lockAt: (map) => {
      let e = unparen(map);
      while (e.type === T.indexExpr) e = unparen(field(e, 'operand')!);
      const op = e.type === T.selectorExpr && field(e, 'field')?.text === bf.field ? field(e, 'operand') : null;
      return op ? `${op.text}.${mu}` : null;
    },
    refs,
    name: mu,
    copied,
  };
}

/** Cells of a one-line field declaration as gofmt separates them: names, type, tag, comment. */
function fieldCells(text: string, decl: Node, list: Node): string[] | null {
  if (decl.startPosition.row !== decl.endPosition.row) return null;
  const names = decl.childrenForFieldName('name').map((n) => n!.text);
  const type = field(decl, 'type');
  const tag = field(decl, 'tag');
  if (!type) return null;
  const cells = names.length ? [names.join(', '), type.text] : [type.text];
  if (tag) cells.push(tag.text);
  const next = decl.nextNamedSibling;
  if (next?.type === T.comment && next.startPosition.row === decl.endPosition.row && next.parent?.id === list.id) cells.push(next.text);
  const lineEnd = text.indexOf('\n', decl.endIndex);
  const rest = text.slice(decl.endIndex, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '').trim();
  if (rest !== '' && !(next && rest === next.text)) return null;
  return cells;
}

/** Insert a field line above `target` and re-align the run of one-line fields around it as gofmt would. */
function alignedInsert(file: SourceFile, list: Node, target: Node, cells: string[]): TextEdit | null {
  const text = file.text;
  const nl = eol(text);
  const decls = list.namedChildren.filter((c): c is Node => c?.type === T.fieldDecl);
  const i = decls.findIndex((d) => d.id === target.id);
  const row = (d: Node) => d.startPosition.row;
  let lo = i;
  while (lo > 0 && row(decls[lo - 1]!) === row(decls[lo]!) - 1 && fieldCells(text, decls[lo - 1]!, list)) lo--;
  let hi = i;
  while (hi < decls.length - 1 && row(decls[hi + 1]!) === row(decls[hi]!) + 1 && fieldCells(text, decls[hi + 1]!, list)) hi++;
  const run = decls.slice(lo, hi + 1);
  const rows = run.map((d) => fieldCells(text, d, list));
  if (rows.some((r) => !r)) return null;
  // A comment-only line inside the run would split it: refuse rather than guess.
  const lines = [...rows.slice(0, i - lo), cells, ...rows.slice(i - lo)] as string[][];
  const ind = indentAt(text, target.startIndex);
  const start = lineStart(text, run[0]!.startIndex);
  const lastEnd = text.indexOf('\n', run[run.length - 1]!.endIndex);
  const end = lastEnd < 0 ? text.length : text[lastEnd - 1] === '\r' ? lastEnd - 1 : lastEnd;
  return { file: file.path, startIndex: start, endIndex: end, newText: alignCells(lines).map((l) => ind + l).join(nl) };
}
