// Values built by the flow that uses them, before anything else can see them: a local
// bound to a composite literal, new(T) or a same-package constructor's result, and a
// receiver or parameter every in-package call binds to such a local (construction).
import type { Node } from 'web-tree-sitter';
import { T, enclosingFunction, field, unparen } from '../syntax.js';
import { callArgs } from './accesses.js';
import { paramIndex } from './params.js';
import type { FnInfo, Program } from './program.js';

/** `&T{...}`, `T{...}`, `new(T)`, or a call of a same-package constructor that returns one. */
export function isFresh(prog: Program, value: Node, depth: number): boolean {
  let v = unparen(value);
  if (v.type === T.unaryExpr) v = unparen(field(v, 'operand') ?? v);
  if (v.type === T.compositeLit) return true;
  if (v.type !== T.callExpr || depth > 3) return false;
  const f = field(v, 'function');
  if (f?.type === T.identifier && f.text === 'new') return true;
  const ret = prog.calls.returnedExpr(v);
  if (!ret) return false;
  if (isFresh(prog, ret, depth + 1)) return true;
  // `x := &T{...}; ...; return x`
  if (ret.type !== T.identifier) return false;
  const d = prog.oracle.resolver.resolve(ret);
  return d?.kind === 'var' && !!d.value && d.tupleIndex === undefined && isFresh(prog, d.value, depth + 1);
}

/** Whether `decl` is declared in the flow of `host` (not captured by a goroutine that host, or its caller, starts). */
export function declaredInFlow(decl: Node, host: Node): boolean {
  const creator = enclosingFunction(decl);
  return !!creator && creator.id === host.id && creator.tree === host.tree;
}

export function baseIdent(map: Node): Node | null {
  let e = unparen(map);
  for (let i = 0; i < 20; i++) {
    if (e.type === T.selectorExpr || e.type === T.indexExpr || e.type === T.unaryExpr) e = unparen(field(e, 'operand')!);
    else break;
  }
  return e.type === T.identifier ? e : null;
}

export function freshIdent(prog: Program, id: Node, spawners: Set<FnInfo>, depth: number, host: Node): boolean {
  if (depth > 3) return false;
  const d = prog.oracle.resolver.resolve(id);
  if (!d?.node) return false;
  if (d.kind === 'var' && d.value && d.tupleIndex === undefined) return declaredInFlow(d.node, host) && isFresh(prog, d.value, 0);
  if (d.kind !== 'receiver' && d.kind !== 'param') return false;
  const fnNode = d.declNode?.parent?.parent;
  const fi = fnNode ? prog.info(fnNode) : undefined;
  if (!fi || !fnNode || fnNode.type === T.funcLit) return false;
  const name = field(fnNode, 'name')?.text ?? '';
  if (/^[A-Z]/.test(name) || fi.rootOf.length > 0 || fi.invocations.length === 0) return false;
  const index = d.kind === 'receiver' ? -1 : paramIndex(fnNode, d.node);
  return fi.invocations.every((inv) => {
    if (!inv.direct || spawners.has(inv.caller.host)) return false;
    const arg = index === -1 ? receiverOf(inv.call) : callArgs(inv.call)[index] ?? null;
    const b = arg ? baseIdent(arg) : null;
    return !!b && unparen(arg!).type !== T.callExpr && freshIdent(prog, b, spawners, depth + 1, inv.caller.host.node);
  });
}

export function receiverOf(call: Node): Node | null {
  const f = field(call, 'function');
  const u = f ? unparen(f) : null;
  return u?.type === T.selectorExpr ? field(u, 'operand') : null;
}
