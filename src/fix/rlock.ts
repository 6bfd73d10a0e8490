// Strategy 5: a write under RLock. Take the write lock instead in that function
// (RLock -> Lock, RUnlock -> Unlock on the same mutex), when no caller holds the lock,
// and while it is held nothing the function calls takes a lock (a recursive RLock would
// deadlock) and nothing blocks.
import type { Node } from 'web-tree-sitter';
import type { Finding } from '../concurrency/conflicts.js';
import type { Fix, TextEdit } from '../diagnostic.js';
import { T, descendantsOf, enclosingFunction, field, unparen } from '../syntax.js';
import type { FixContext } from './context.js';
import { entersHolding, riskOf } from './context.js';
import { stmtFacts } from './stmts.js';

export function writeLockInstead(fc: FixContext, f: Finding): Fix | null {
  const rl = f.readLock;
  const a = f.access;
  if (!rl?.node) return null;
  const fn = enclosingFunction(rl.node);
  if (!fn || fn.type === T.funcLit || enclosingFunction(a.map)?.id !== fn.id) return null;
  const recv = unparen(rl.node).text;
  const file = fc.fileOf(fn);
  const edits: TextEdit[] = [];
  let locks = 0;
  let unlocks = 0;
  for (const call of descendantsOf(fn, [T.callExpr])) {
    const sel = field(call, 'function');
    if (sel?.type !== T.selectorExpr) continue;
    const op = field(sel, 'operand');
    const name = field(sel, 'field');
    if (!op || !name || unparen(op).text !== recv) continue;
    if (name.text === 'RLock') locks++;
    else if (name.text === 'RUnlock') unlocks++;
    else continue;
    edits.push({ file: file.path, startIndex: name.startIndex, endIndex: name.endIndex, newText: name.text.slice(1) });
  }
  if (locks === 0 || locks !== unlocks) return null;
  const body = field(fn, 'body');
  const facts = body ? stmtFacts(heldRegion(body, recv)) : null;
  const safe = !!facts && !facts.blocks && facts.lockCalls.every((c) => isLockCall(c, recv)) && !riskOf(fc, null)({ ...facts, calls: facts.calls.filter((c) => !isLockCall(c, recv)) }) && !entersHolding(a.fn, rl.id);
  const fname = field(fn, 'name')?.text ?? 'the function';
  return { title: `Take ${recv}.Lock() instead of ${recv}.RLock() in ${fname}`, safe, edits };
}

function isLockCall(call: Node, recv: string): boolean {
  const sel = field(call, 'function');
  return sel?.type === T.selectorExpr && unparen(field(sel, 'operand')!).text === recv && /^R?(Un)?[Ll]ock$/.test(field(sel, 'field')?.text ?? '');
}

/**
 * The statements of the body that run while the read lock is held: from the RLock to the
 * RUnlock in the same statement list (to the end with a deferred RUnlock); the whole
 * body when the calls are nested deeper.
 */
function heldRegion(body: Node, recv: string): Node[] {
  const list = body.namedChildren.find((c) => c?.type === T.statementList);
  const stmts = list ? list.namedChildren.filter((c): c is Node => !!c && c.type !== T.comment) : [];
  const callOf = (st: Node, name: string, deferred: boolean) => {
    if (st.type !== (deferred ? T.deferStatement : T.exprStatement)) return false;
    const call = st.namedChildren.find((c) => c?.type === T.callExpr);
    const sel = call ? field(call, 'function') : null;
    return sel?.type === T.selectorExpr && unparen(field(sel, 'operand')!).text === recv && field(sel, 'field')?.text === name;
  };
  const start = stmts.findIndex((st) => callOf(st, 'RLock', false));
  if (start < 0 || stmts.filter((st) => callOf(st, 'RLock', false)).length !== 1) return [body];
  if (stmts.some((st) => callOf(st, 'RUnlock', true))) return stmts.slice(start);
  const end = stmts.findIndex((st, i) => i > start && callOf(st, 'RUnlock', false));
  const rest = descendantsOf(body, [T.callExpr]).filter((c) => /\.R(Un)?[Ll]ock$/.test(field(c, 'function')?.text ?? ''));
  // Every RLock/RUnlock of the body must be the two statements found.
  if (end < 0 || rest.length !== 2) return [body];
  return stmts.slice(start, end + 1);
}
