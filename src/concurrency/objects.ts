// Which objects a field access may touch. Field identities (`field:T.f`) are
// object-insensitive; before two field accesses are said to race, their base
// objects must have a concrete root in common: a package variable, or a local
// variable (through parameters and receivers, followed to the arguments at the
// in-package call sites). Objects that come from outside the package are unknown
// and never match.
import type { Node } from 'web-tree-sitter';
import { T, descendantsOf, enclosingFunction, field, listItems, namedChildrenNoComments, unparen, within } from '../syntax.js';
import { receiverBase } from '../package.js';
import { callArgs } from './accesses.js';
import { paramIndex } from './params.js';
import type { FnInfo, Program, Root } from './program.js';

export const UNKNOWN_OBJECT = '?';
const MAX_DEPTH = 6;

export class ObjectRoots {
  private readonly paramMemo = new Map<string, Set<string>>();
  private readonly decls = new Map<string, Node>();
  private readonly sharedMemo = new Map<string, boolean>();

  constructor(private readonly prog: Program) {}

  /** Concrete roots of the object an expression's base denotes: `global:NAME`, `local:<decl key>`, or '?'. */
  of(expr: Node, depth = 0): Set<string> {
    if (depth > MAX_DEPTH) return new Set([UNKNOWN_OBJECT]);
    let e = unparen(expr);
    for (let i = 0; i < 30; i++) {
      if (e.type === T.selectorExpr || e.type === T.indexExpr || e.type === T.sliceExpr) e = unparen(field(e, 'operand') ?? e);
      else if (e.type === T.unaryExpr) e = unparen(field(e, 'operand') ?? e);
      else break;
    }
    if (e.type === T.callExpr) {
      const fn = field(e, 'function');
      const f = fn ? unparen(fn) : null;
      const ret = this.prog.calls.returnedExpr(e);
      if (ret) return this.of(ret, depth + 1);
      if (f?.type === T.selectorExpr && this.prog.calls.target(f)) return this.of(field(f, 'operand')!, depth + 1);
      return new Set([UNKNOWN_OBJECT]);
    }
    if (e.type !== T.identifier) return new Set([UNKNOWN_OBJECT]);
    const d = this.prog.oracle.resolver.resolve(e);
    if (!d?.node || !d.file) return new Set([UNKNOWN_OBJECT]);
    const fnNode = enclosingFunction(d.node);
    if (!fnNode) return new Set([d.kind === 'var' ? `global:${d.name}` : UNKNOWN_OBJECT]);
    const own = `local:${this.prog.oracle.resolver.key(d.node)}`;
    this.decls.set(own, d.node);
    if (d.kind === 'param' || d.kind === 'receiver') {
      const fi = this.prog.info(fnNode);
      const idx = d.kind === 'receiver' ? -1 : paramIndex(fnNode, d.node);
      return fi && (idx >= 0 || d.kind === 'receiver') ? this.param(fi, idx, depth) : new Set([UNKNOWN_OBJECT]);
    }
    if (d.kind === 'var' && d.value && d.tupleIndex === undefined) {
      const v = unparen(d.value);
      const base = v.type === T.unaryExpr ? unparen(field(v, 'operand') ?? v) : v;
      if (base.type === T.selectorExpr || base.type === T.indexExpr || base.type === T.identifier) return this.of(v, depth + 1);
      if (base.type === T.callExpr) {
        const r = this.of(v, depth + 1);
        if (!r.has(UNKNOWN_OBJECT)) return r;
      }
    }
    const out = new Set([own]);
    // A value a constructor builds and returns is handed to the package's users.
    const t = this.returnedType(d.node, fnNode);
    if (t) out.add(`type:${t}`);
    return out;
  }

  /** `x := &T{...}; ...; return x`: the named type T of a local that its function returns. */
  private returnedType(decl: Node, fn: Node): string | null {
    const body = field(fn, 'body');
    if (!body) return null;
    const returned = descendantsOf(body, [T.returnStatement]).some((r) => {
      const list = namedChildrenNoComments(r)[0];
      return !!list && listItems(list).some((e) => unparen(e).text === decl.text);
    });
    if (!returned) return null;
    let t = this.prog.oracle.typeOf(decl);
    if (t.kind === 'pointer') t = t.elem;
    return t.kind === 'named' && t.info && !t.pkgPath ? t.info.name : null;
  }

  /** Objects a parameter (index -1: the receiver) is bound to at the function's invocations. */
  private param(fi: FnInfo, index: number, depth: number): Set<string> {
    const k = `${fi.key}#${index}`;
    const memo = this.paramMemo.get(k);
    if (memo) return memo;
    const out = new Set<string>();
    this.paramMemo.set(k, new Set([UNKNOWN_OBJECT])); // recursion guard
    // The receiver of a ServeHTTP handler is one object shared by every request.
    if (index === -1 && fi.rootOf.some((r) => r.kind === 'handler' && r.site.id === fi.node.id)) out.add(`recv:${fi.key}`);
    // The receiver of an exported method: a value of T handed to the package's users,
    // which may call its methods from any goroutine.
    const recvType = index === -1 ? receiverType(fi.node) : null;
    if (recvType && /^[A-Z]/.test(field(fi.node, 'name')?.text ?? '')) out.add(`type:${recvType}`);
    if (fi.invocations.length === 0) out.add(UNKNOWN_OBJECT);
    for (const inv of fi.invocations) {
      const arg = inv.direct ? bound(inv.call, index) : index === -1 ? viaReceiver(inv.call, fi, this.prog) : null;
      if (!arg) { out.add(UNKNOWN_OBJECT); continue; }
      for (const o of this.of(arg, depth + 1)) out.add(o);
    }
    this.paramMemo.set(k, out);
    return out;
  }

  /** Whether two expressions may denote the same object (same roots, or a concrete root in common). */
  mayAlias(a: Node, b: Node): boolean {
    const x = this.of(a);
    const y = this.of(b);
    if (x.size === y.size && [...x].every((o) => y.has(o))) return true;
    return [...x].some((o) => o !== UNKNOWN_OBJECT && !o.startsWith('type:') && y.has(o));
  }

  /**
   * Whether an object root is the same object for every instance of root r. A value
   * of T handed to users (`type:T`) counts only between a goroutine that T starts and
   * T's exported methods, never between instances of one goroutine.
   */
  sharedBy(o: string, r: Root, typeMethods = false, instances = false): boolean {
    const k = `${o}|${r.id}|${typeMethods}|${instances}`;
    let v = this.sharedMemo.get(k);
    if (v === undefined) {
      v = this.computeSharedBy(o, r, typeMethods);
      // Between instances of one root: a local of the starting function is shared only by the
      // goroutines one call starts in a loop; each call of the function has its own (and its own goroutine).
      if (v && instances && o.startsWith('local:') && r.kind !== 'handler') v = this.startedInLoop(o, r);
      this.sharedMemo.set(k, v);
    }
    return v;
  }

  private startedInLoop(o: string, r: Root): boolean {
    const decl = this.decls.get(o);
    const fn = decl ? enclosingFunction(decl) : null;
    if (!decl || !fn) return true;
    for (let p = r.site.parent; p && p.id !== fn.id; p = p.parent) if (p.type === T.forStatement && !within(decl, p)) return true;
    return false;
  }

  private computeSharedBy(o: string, r: Root, typeMethods: boolean): boolean {
    if (o.startsWith('global:')) return true;
    if (o.startsWith('recv:')) return o === `recv:${r.target.key}`;
    if (o.startsWith('type:')) return typeMethods && spawnedBy(r, o.slice(5));
    if (!o.startsWith('local:')) return false;
    const decl = this.decls.get(o);
    const fn = decl ? enclosingFunction(decl) : null;
    if (!decl || !fn || r.site.id === r.target.node.id) return false;
    if (!within(r.site, fn) || within(fn, r.target.node)) return false;
    // Only a goroutine started (or its literal written) where the local can be named sees it;
    // one started in another clause reaches the local's code only by entering the function
    // again, with variables of its own.
    const scope = scopeOf(decl, fn);
    if (!within(r.site, scope) && !within(r.target.node, scope)) return false;
    return !perIteration(decl, r.site, fn);
  }
}

/** Scopes a local can be declared in (Go spec, "Declarations and scope"): blocks, clauses, and statements with an init. */
const SCOPES = new Set<string>([T.block, T.exprCase, T.typeCase, T.defaultCase, T.commCase, T.ifStatement, T.forStatement, T.exprSwitch, T.typeSwitch]);

/** The innermost block or clause around a local's declaration (the function for parameters): only code there can name it. */
export function scopeOf(decl: Node, fn: Node): Node {
  for (let p = decl.parent; p && p.id !== fn.id; p = p.parent) {
    if (SCOPES.has(p.type)) return p;
  }
  return fn;
}

/** A declaration inside a loop that also contains the root's start: each iteration has its own variable. */
export function perIteration(decl: Node, site: Node, fn: Node): boolean {
  for (let p = decl.parent; p && p.id !== fn.id; p = p.parent) if (p.type === T.forStatement && within(site, p)) return true;
  return false;
}

/** The receiver (index -1) or argument `index` at a direct call or go statement. */
function bound(call: Node, index: number): Node | null {
  if (index === -1) {
    const f = field(call, 'function');
    const u = f ? unparen(f) : null;
    return u?.type === T.selectorExpr ? field(u, 'operand') : null;
  }
  return callArgs(call)[index] ?? null;
}

/** `register(s.handle)`: the receiver s of a method value passed as an argument. */
function viaReceiver(call: Node, fi: FnInfo, prog: Program): Node | null {
  for (const a of callArgs(call)) {
    const u = unparen(a);
    if (u.type === T.selectorExpr && prog.calls.target(u)?.id === fi.node.id) return field(u, 'operand');
  }
  return null;
}

/** Base type name of a method's receiver. */
export function receiverType(fn: Node): string | null {
  return fn.type === T.methodDecl ? receiverBase(fn)?.name ?? null : null;
}

/** Whether root r starts in a method of type T (`func (s *T) Start() { go s.loop() }`). */
export function spawnedBy(r: Root, typeName: string): boolean {
  if (!r.spawner) return false;
  const host = r.spawner.host.node;
  if (receiverType(host) === typeName) return true;
  const result = field(host, 'result');
  return !!result && new RegExp(`\\b${typeName}\\b`).test(result.text);
}
