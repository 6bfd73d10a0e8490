// Strategy 4: snapshots. Iterate a copy taken under the guard (maps.Clone when the
// module's go version is at least 1.21, a copy loop otherwise) instead of the shared
// map; and make a getter that hands out its guarded map return a copy instead.
import type { Node } from 'web-tree-sitter';
import type { Finding } from '../concurrency/conflicts.js';
import { baseField } from '../concurrency/guards.js';
import type { Fix, TextEdit } from '../diagnostic.js';
import { goAtLeast } from '../gomod.js';
import type { SourceFile } from '../package.js';
import { T, descendantsOf, enclosingFunction, field, unparen } from '../syntax.js';
import type { FixContext } from './context.js';
import { lockExprAt } from './context.js';
import { mentions, statementOf } from './stmts.js';
import { eol, importEdit, indentAt, lineStart } from './text.js';

/** The written type of a map location: `map[string]int`, from its field or variable declaration. */
function mapTypeText(fc: FixContext, loc: string, map: Node): string | null {
  const bf = baseField(loc);
  const oracle = fc.prog.oracle;
  if (bf && loc === `field:${bf.type}.${bf.field}`) {
    const info = oracle.pkg.types.get(bf.type);
    const list = info?.typeNode.type === T.structType ? info.typeNode.namedChildren.find((c) => c?.type === T.fieldDeclList) : null;
    const decl = list?.namedChildren.find((d) => d?.type === T.fieldDecl && d.childrenForFieldName('name').some((n) => n?.text === bf.field));
    const t = decl ? field(decl, 'type') : null;
    return t?.type === T.mapType ? t.text : null;
  }
  const u = unparen(map);
  if (u.type !== T.identifier) return null;
  const d = oracle.resolver.resolve(u);
  if (!d) return null;
  if (d.typeNode?.type === T.mapType) return d.typeNode.text;
  const v = d.value ? unparen(d.value) : null;
  if (v?.type === T.compositeLit && field(v, 'type')?.type === T.mapType) return field(v, 'type')!.text;
  if (v?.type === T.callExpr && field(v, 'function')?.text === 'make') {
    const first = field(v, 'arguments')?.namedChildren[0];
    if (first?.type === T.mapType) return first.text;
  }
  return null;
}

function freeLocal(fn: Node, ...names: string[]): string {
  for (const n of names) if (!mentions(fn.text, [n])) return n;
  for (let i = 2; ; i++) if (!mentions(fn.text, [`${names[0]}${i}`])) return `${names[0]}${i}`;
}

/** Statements that set `name` to a copy of `expr` (ind: their indentation, after the first line). */
function copyLines(fc: FixContext, file: SourceFile, name: string, expr: string, type: string | null, ind: string): { lines: string; imports: TextEdit[] } | null {
  const nl = eol(file.text);
  if (goAtLeast(fc.rule.pkg.goVersion, '1.21')) {
    const imp = importEdit(file, 'maps');
    if (imp !== 'conflict') return { lines: `${name} := maps.Clone(${expr})`, imports: imp ? [imp] : [] };
  }
  if (!type) return null;
  const [k, v] = mentions(expr, ['k', 'v']) ? ['key', 'val'] : ['k', 'v'];
  return { lines: `${name} := make(${type}, len(${expr}))${nl}${ind}for ${k}, ${v} := range ${expr} {${nl}${ind}\t${name}[${k}] = ${v}${nl}${ind}}`, imports: [] };
}

/** Iterate a snapshot copied under the guard. */
export function iterateSnapshot(fc: FixContext, f: Finding): Fix | null {
  const a = f.access;
  const g = f.guard;
  if (a.kind !== 'iterate' || !g) return null;
  const lock = lockExprAt(g.id, a.map, a.loc);
  const stmt = statementOf(a.map);
  const fn = stmt ? enclosingFunction(stmt) : null;
  if (!lock || !stmt || !fn) return null;
  // Another access of the map in the same statement still needs the lock: not a snapshot's job.
  if (fc.conflicts.accesses.some((x) => x !== a && x.loc === a.loc && x.map.startIndex >= stmt.startIndex && x.map.endIndex <= stmt.endIndex)) return null;
  const file = fc.fileOf(stmt);
  const text = file.text;
  const nl = eol(text);
  const ind = indentAt(text, stmt.startIndex);
  if (lineStart(text, stmt.startIndex) + ind.length !== stmt.startIndex) return null;
  const last = unparen(a.map).text.replace(/^.*\./, '');
  const name = freeLocal(fn, /^[a-z]\w*$/.test(last) && last !== a.map.text ? last : `${last}Copy`, `${last}Snapshot`);
  const copy = copyLines(fc, file, name, unparen(a.map).text, mapTypeText(fc, a.loc, a.map), ind);
  if (!copy) return null;
  const [L, U] = a.locks.size === 0 && g && fc.conflicts.accesses.some((x) => x.locks.get(g.id)?.mode === 'r') ? ['RLock', 'RUnlock'] : ['Lock', 'Unlock'];
  // `defer f(m)` walks m when f runs at return: a copy taken at the defer statement shows older contents.
  const early = stmt.type === T.deferStatement && !descendantsOf(stmt, [T.funcLit]).some((l) => a.map.startIndex >= l.startIndex && a.map.endIndex <= l.endIndex);
  return {
    title: `Iterate a copy of ${a.name} taken under ${lock}.${L}()`,
    safe: !early,
    edits: [
      ...copy.imports,
      { file: file.path, startIndex: stmt.startIndex, endIndex: stmt.startIndex, newText: `${lock}.${L}()${nl}${ind}${copy.lines}${nl}${ind}${lock}.${U}()${nl}${ind}` },
      { file: file.path, startIndex: a.map.startIndex, endIndex: a.map.endIndex, newText: name },
    ],
  };
}

/** A getter that returns its guarded map: return a copy instead. */
export function returnCopy(fc: FixContext, f: Finding): Fix | null {
  const a = f.access;
  const prog = fc.prog;
  const callOf = (e: Node): Node | null => {
    let u = unparen(e);
    if (u.type === T.identifier) {
      const d = prog.oracle.resolver.resolve(u);
      if (d?.kind !== 'var' || !d.value || d.tupleIndex !== undefined) return null;
      u = unparen(d.value);
    }
    return u.type === T.callExpr ? u : null;
  };
  const call = callOf(a.map);
  const target = call ? prog.calls.target(field(call, 'function')!) : null;
  const ret = call ? prog.calls.returnedExpr(call) : null;
  if (!call || !target || !ret || target.type === T.funcLit) return null;
  const retLoc = prog.ids.loc(ret);
  const rstmt = statementOf(ret);
  if (!retLoc || !rstmt || rstmt.type !== T.returnStatement || !/\.R?Lock\(\)/.test(target.text)) return null;
  const file = fc.fileOf(rstmt);
  const text = file.text;
  const ind = indentAt(text, rstmt.startIndex);
  const nl = eol(text);
  const name = freeLocal(target, 'snapshot', 'cp');
  const goNew = goAtLeast(fc.rule.pkg.goVersion, '1.21');
  let edits: TextEdit[];
  if (goNew && importEdit(file, 'maps') !== 'conflict') {
    const imp = importEdit(file, 'maps');
    edits = [...(imp && imp !== 'conflict' ? [imp] : []), { file: file.path, startIndex: ret.startIndex, endIndex: ret.endIndex, newText: `maps.Clone(${ret.text})` }];
  } else {
    const copy = copyLines(fc, file, name, ret.text, mapTypeText(fc, retLoc, ret), ind);
    if (!copy) return null;
    edits = [
      { file: file.path, startIndex: rstmt.startIndex, endIndex: rstmt.startIndex, newText: `${copy.lines}${nl}${ind}` },
      { file: file.path, startIndex: ret.startIndex, endIndex: ret.endIndex, newText: name },
    ];
  }
  // Callers that write through the result would lose their writes; exported getters have callers elsewhere.
  const fname = field(target, 'name')?.text ?? '';
  const visible = /^[A-Z]/.test(fname) && fc.rule.pkg.name !== 'main';
  const writes = fc.conflicts.accesses.some((x) => x.kind === 'write' && (() => { const c = callOf(x.map); return !!c && prog.calls.target(field(c, 'function')!)?.id === target.id; })());
  return { title: `Return a copy of ${ret.text} from ${fname}`, safe: !visible && !writes, edits };
}
