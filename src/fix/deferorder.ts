// Strategy 6: a ranging defer registered just before `mu.Lock(); defer mu.Unlock()`
// runs after the unlock (defers run last-in first-out). Move it after the pair, so it
// runs while the lock is still held, when that is all that is wrong: the two statements
// follow it directly and the deferred function takes no lock and does not block.
import type { Node } from 'web-tree-sitter';
import type { Finding } from '../concurrency/conflicts.js';
import type { Fix } from '../diagnostic.js';
import { T, field, unparen } from '../syntax.js';
import type { FixContext } from './context.js';
import { lockExprAt, riskOf } from './context.js';
import { stmtFacts } from './stmts.js';
import { eol, indentAt, lineStart } from './text.js';
import { lineEndAfter } from './wrap.js';

export function moveDeferAfterLock(fc: FixContext, f: Finding): Fix | null {
  const a = f.access;
  const g = f.guard;
  if (!a.deferred || !g) return null;
  const lock = lockExprAt(g.id, a.map, a.loc);
  if (!lock) return null;
  let d = a.map.parent;
  while (d && d.type !== T.deferStatement) d = d.parent;
  if (!d || d.parent?.type !== T.statementList) return null;
  const next = (n: Node | null | undefined) => {
    let x = n?.nextNamedSibling ?? null;
    while (x?.type === T.comment) x = x.nextNamedSibling;
    return x;
  };
  const s1 = next(d);
  const s2 = next(s1);
  const isCall = (s: Node | null | undefined, name: string, deferred: boolean) => {
    if (!s || s.type !== (deferred ? T.deferStatement : T.exprStatement)) return false;
    const call = s.namedChildren.find((c) => c?.type === T.callExpr);
    const fn = call ? field(call, 'function') : null;
    return fn?.type === T.selectorExpr && unparen(field(fn, 'operand')!).text === lock && field(fn, 'field')?.text === name;
  };
  if (!isCall(s1, 'Lock', false) || !isCall(s2, 'Unlock', true)) return null;
  const file = fc.fileOf(d);
  const text = file.text;
  const nl = eol(text);
  const ind = indentAt(text, d.startIndex);
  if (lineStart(text, d.startIndex) + ind.length !== d.startIndex || indentAt(text, s2!.startIndex) !== ind) return null;
  const facts = stmtFacts([d]);
  const safe = !facts.blocks && facts.lockCalls.length === 0 && !riskOf(fc, null)(facts);
  const dEnd = lineEndAfter(text, d);
  const from = lineStart(text, d.startIndex);
  const to = dEnd + nl.length;
  const moved = text.slice(from, dEnd);
  const at = lineEndAfter(text, s2!);
  return {
    title: `Register the defer after ${lock}.Lock(); defer ${lock}.Unlock()`,
    safe,
    edits: [
      { file: file.path, startIndex: from, endIndex: to, newText: '' },
      { file: file.path, startIndex: at, endIndex: at, newText: `${nl}${moved}` },
    ],
  };
}
