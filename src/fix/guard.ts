// Strategy 1: guard an unguarded access with the lock that guards the map elsewhere.
// All accesses of the map in the same function that lack the guard are wrapped by the
// same fix (one fix per function, identical for each of its diagnostics), so that
// applying the fixes of several diagnostics never nests the lock.
import type { Node } from 'web-tree-sitter';
import type { Finding } from '../concurrency/conflicts.js';
import type { Fix, TextEdit } from '../diagnostic.js';
import type { FixContext } from './context.js';
import { entersHolding, isRWMutex, lockExprAt, riskOf } from './context.js';
import { enclosingFunction } from '../syntax.js';
import { statementOf } from './stmts.js';
import { mayHold, realign, wrapStatement } from './wrap.js';

const KIND: Record<string, string> = { write: 'write', read: 'read', iterate: 'iteration', len: 'len' };

/** The outermost statements among those holding `maps` (a statement inside another is covered by it). */
export function outermostStatements(maps: Node[]): Array<{ stmt: Node; maps: Node[] }> | null {
  const found: Array<{ stmt: Node; maps: Node[] }> = [];
  for (const m of maps) {
    const s = statementOf(m);
    if (!s) return null;
    const e = found.find((x) => x.stmt.id === s.id);
    if (e) e.maps.push(m);
    else found.push({ stmt: s, maps: [m] });
  }
  const inside = (a: Node, b: Node) => a.id !== b.id && a.startIndex >= b.startIndex && a.endIndex <= b.endIndex;
  const out = found.filter((x) => !found.some((y) => inside(x.stmt, y.stmt)));
  for (const x of found) {
    if (out.includes(x)) continue;
    out.find((y) => inside(x.stmt, y.stmt))!.maps.push(...x.maps);
  }
  return out.sort((a, b) => a.stmt.startIndex - b.stmt.startIndex);
}

export function guardWithExistingLock(fc: FixContext, f: Finding): Fix | null {
  const a = f.access;
  const g = f.guard;
  if (!g || a.deferred) return null;
  const lock = lockExprAt(g.id, a.map, a.loc);
  if (!lock) return null;
  const rw = isRWMutex(fc, g.id);
  // Every access of this location in this function that lacks the guard.
  const same = fc.conflicts.accesses.filter((x) => x.loc === a.loc && x.fn === a.fn && !x.deferred && !x.locks.has(g.id));
  if (!same.includes(a)) same.push(a);
  const groups = outermostStatements(same.map((x) => x.map));
  if (!groups) return null;
  const file = fc.fileOf(a.map);
  const risky = riskOf(fc, a.loc);
  const edits: TextEdit[] = [];
  let safe = !entersHolding(a.fn, g.id);
  let readOnly = true;
  const cuts: number[] = [];
  for (const grp of groups) {
    const kinds = same.filter((x) => grp.maps.includes(x.map)).map((x) => x.kind);
    const read = rw && kinds.every((k) => k !== 'write');
    readOnly &&= read;
    const l = lockExprAt(g.id, grp.maps[0]!, a.loc) ?? lock;
    const w = wrapStatement(file, grp.stmt, l, read, risky);
    if (!w) return null;
    const fn = enclosingFunction(grp.stmt);
    safe &&= w.safe && !!fn && !mayHold(fn, l, grp.stmt.startIndex);
    edits.push(...w.edits);
    cuts.push(...w.cuts);
  }
  edits.push(...realign(file, cuts));
  const call = readOnly ? `${lock}.RLock()` : `${lock}.Lock()`;
  return { title: `Guard the ${KIND[a.kind]} with ${call}`, safe, edits };
}
