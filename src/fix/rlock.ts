// Strategy 5: a write under RLock. Take the write lock instead in that function
// (RLock -> Lock, RUnlock -> Unlock on the same mutex), when no caller holds the lock,
// nothing the function calls takes a lock (a recursive RLock would deadlock), and it
// does not block while holding it.
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
  const facts = body ? stmtFacts([body]) : null;
  const safe = !!facts && !facts.blocks && facts.lockCalls.every((c) => isLockCall(c, recv)) && !riskOf(fc, null)({ ...facts, calls: facts.calls.filter((c) => !isLockCall(c, recv)) }) && !entersHolding(a.fn, rl.id);
  const fname = field(fn, 'name')?.text ?? 'the function';
  return { title: `Take ${recv}.Lock() instead of ${recv}.RLock() in ${fname}`, safe, edits };
}

function isLockCall(call: import('web-tree-sitter').Node, recv: string): boolean {
  const sel = field(call, 'function');
  return sel?.type === T.selectorExpr && unparen(field(sel, 'operand')!).text === recv && /^R?(Un)?[Ll]ock$/.test(field(sel, 'field')?.text ?? '');
}
