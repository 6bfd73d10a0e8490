// Location identities: which abstract memory location a map (or mutex) expression
// denotes. Object-insensitive, like RacerD's access paths: a package var is
// `var:NAME`, a struct field reached through a value of named type T is
// `field:T.f`, a local variable or parameter is its declaration, `[]` names the
// elements of a map/slice/array. Unknown expressions have no identity (null).
import type { Node } from 'web-tree-sitter';
import type { Decl } from '../package.js';
import { paramIndex } from './params.js';
import type { GoType, TypeOracle } from '../types.js';
import { T, descendantsOf, enclosingFunction, field, listItems, namedChildrenNoComments, operatorOf, unparen } from '../syntax.js';

export interface IdentityHooks {
  /** The expression a same-package function call returns (a getter's `return s.m`), when unique. */
  returnedExpr(call: Node): Node | null;
  /** The argument expression a parameter is bound to (at a `go` site), when unique. */
  paramArgument(decl: Decl): Node | null;
}

const MAX_DEPTH = 8;

export class Identities {
  /** Declaring identifier of each `local:` identity handed out. */
  readonly locals = new Map<string, Node>();
  /** Locals handed over a channel: `ch <- m` makes m's identity the channel's element identity. */
  readonly aliases = new Map<string, string>();

  constructor(private readonly oracle: TypeOracle, private readonly hooks: IdentityHooks) {}

  /** Identity of the location an expression denotes (a map value, a mutex). */
  loc(expr: Node, depth = 0): string | null {
    if (depth > MAX_DEPTH) return null;
    const e = unparen(expr);
    switch (e.type) {
      case T.identifier: {
        const d = this.oracle.resolver.resolve(e);
        return d ? this.declLoc(d, depth) : null;
      }
      case T.selectorExpr: {
        const op = field(e, 'operand');
        const f = field(e, 'field');
        if (!op || !f) return null;
        if (op.type === T.identifier && this.oracle.resolver.resolve(op)?.kind === 'import') return null;
        const owner = this.fieldOwner(this.oracle.typeOf(op), f.text);
        return owner ? `field:${owner}.${f.text}` : null;
      }
      case T.indexExpr: {
        const op = field(e, 'operand');
        return op ? this.elemLoc(op, depth + 1) : null;
      }
      case T.unaryExpr: {
        const op = field(e, 'operand');
        if (!op) return null;
        const o = operatorOf(e);
        if (o === '*') return this.loc(op, depth + 1);
        if (o === '<-') { const c = this.loc(op, depth + 1); return c ? `${c}<-` : null; }
        return null;
      }
      case T.callExpr: {
        if (this.isClone(e)) return null; // a fresh map
        const r = this.hooks.returnedExpr(e);
        return r ? this.loc(r, depth + 1) : null;
      }
      default:
        return null;
    }
  }

  /** Identity of the elements of a map/slice/array expression. */
  elemLoc(expr: Node, depth = 0): string | null {
    if (depth > MAX_DEPTH) return null;
    const e = unparen(expr);
    if (e.type === T.callExpr) {
      const clone = this.isClone(e);
      if (clone) return this.elemLoc(clone, depth + 1); // a shallow copy shares its elements
      const r = this.hooks.returnedExpr(e);
      return r ? this.elemLoc(r, depth + 1) : null;
    }
    if (e.type === T.identifier) {
      const d = this.oracle.resolver.resolve(e);
      if (d?.kind === 'var' && d.value && d.tupleIndex === undefined && d.node && enclosingFunction(d.node)) {
        const v = unparen(d.value);
        if (v.type === T.callExpr) { const r = this.elemLoc(v, depth + 1); if (r) return r; }
      }
    }
    const l = this.loc(e, depth + 1);
    return l ? `${l}[]` : null;
  }

  private declLoc(d: Decl, depth: number): string | null {
    if (!d.node || !d.file) return null;
    const fn = enclosingFunction(d.node);
    if (d.kind === 'var' && !fn) return `var:${d.name}`;
    const own = localId(d);
    this.locals.set(own, d.node);
    switch (d.kind) {
      case 'param':
      case 'receiver': {
        const arg = this.hooks.paramArgument(d);
        return (arg ? this.loc(arg, depth + 1) : null) ?? own;
      }
      case 'var': {
        const mine = this.aliases.get(own) ?? own;
        if (!d.value) return mine;
        const v = unparen(d.value);
        if (d.tupleIndex !== undefined && !(d.tupleIndex === 0 && (v.type === T.indexExpr || (v.type === T.unaryExpr && operatorOf(v) === '<-')))) return mine;
        if (this.detached(d, v)) return mine;
        return this.loc(v, depth + 1) ?? mine;
      }
      case 'range': {
        if (!d.range) return own;
        let u = this.oracle.underlying(this.oracle.typeOf(d.range.expr));
        if (u.kind === 'pointer') u = this.oracle.underlying(u.elem);
        if (u.kind === 'chan') { const c = this.loc(d.range.expr, depth + 1); return c ? `${c}<-` : own; }
        if (d.range.key) return own;
        return this.elemLoc(d.range.expr, depth + 1) ?? own;
      }
      default:
        return own;
    }
  }

  /** `m := s.f; s.f = nil`: the local takes the old map over, the field gets another one. */
  private detached(d: Decl, v: Node): boolean {
    if (v.type !== T.selectorExpr || !d.node) return false;
    const fn = enclosingFunction(d.node);
    const body = fn ? field(fn, 'body') : null;
    if (!body) return false;
    for (const a of descendantsOf(body, [T.assignment])) {
      if (a.startIndex < d.node.endIndex) continue;
      const left = field(a, 'left');
      if (left && listItemsText(left).includes(v.text)) return true;
    }
    return false;
  }

  /** `maps.Clone(x)`: the argument x, else null. */
  isClone(call: Node): Node | null {
    const fn = field(call, 'function');
    if (!fn || fn.type !== T.selectorExpr) return null;
    if (field(fn, 'field')?.text !== 'Clone') return null;
    if (this.importPath(field(fn, 'operand')) !== 'maps') return null;
    const args = field(call, 'arguments');
    return args ? namedChildrenNoComments(args)[0] ?? null : null;
  }

  /** Import path when `n` is an identifier naming an imported package. */
  importPath(n: Node | null): string | null {
    if (!n || n.type !== T.identifier) return null;
    const d = this.oracle.resolver.resolve(n);
    return d?.kind === 'import' ? d.importSpec?.path ?? null : null;
  }

  /** Name of the same-package named type that declares field `name` for a value of type t. */
  fieldOwner(t: GoType, name: string, depth = 0): string | null {
    if (depth > 4) return null;
    let base = t;
    if (base.kind === 'pointer') base = base.elem;
    if (base.kind !== 'named' || !base.info || base.pkgPath) return null;
    let u = this.oracle.underlying(base);
    if (u.kind === 'pointer') u = this.oracle.underlying(u.elem);
    if (u.kind !== 'struct') return null;
    for (const f of u.fields) if (f.name === name) return base.info.name;
    for (const f of u.fields) {
      if (!f.embedded) continue;
      const r = this.fieldOwner(f.type, name, depth + 1);
      if (r) return r;
    }
    return null;
  }

  /** Whether t is sync.Mutex or sync.RWMutex (possibly through a pointer). */
  isMutexType(t: GoType): boolean {
    const b = t.kind === 'pointer' ? t.elem : t;
    return b.kind === 'named' && b.pkgPath === 'sync' && (b.name === 'Mutex' || b.name === 'RWMutex');
  }

  /**
   * Identity of the lock a zero-argument `X.Lock()`-style call acts on, from X: a
   * mutex-typed expression, a value whose struct embeds a mutex (`s.Lock()`), or any
   * other receiver (a mutex of another package, a `sync.Locker`, `cond.L`): every such
   * call is a lock operation. `exact` is set only for locks whose identity is known
   * not to alias another lock: a non-pointer sync.Mutex/RWMutex field (named or
   * embedded) of a same-package struct, or a package-level mutex variable.
   */
  lockLoc(recv: Node): { id: string; name: string; exact: boolean } | null {
    const t = this.oracle.typeOf(recv);
    const u = unparen(recv);
    if (this.isMutexType(t)) {
      const id = this.loc(recv);
      if (!id) return { id: `lock:${u.text}`, name: u.text, exact: false };
      return { id, name: u.text, exact: t.kind !== 'pointer' && this.isValueMutexLoc(id) };
    }
    const emb = this.embeddedMutex(t);
    if (emb) return { id: `field:${emb.owner}.${emb.field}`, name: `${u.text}.${emb.field}`, exact: !emb.pointer };
    // A sync.Locker (or other interface) parameter: a lock chosen by the caller.
    const base = t.kind === 'pointer' ? t.elem : t;
    if (u.type === T.identifier && (t.kind === 'interface' || (base.kind === 'named' && base.pkgPath === 'sync' && base.name === 'Locker'))) {
      const d = this.oracle.resolver.resolve(u);
      const fn = d?.kind === 'param' && d.declNode ? d.declNode.parent?.parent : null;
      if (fn && d?.node) return { id: `param:${this.oracle.resolver.key(fn)}:${paramIndex(fn, d.node)}`, name: u.text, exact: false };
    }
    // Any other receiver: a lock whose relation to other locks is unknown.
    const id = this.loc(recv);
    return { id: id ? `lock:${id}` : `lock:${u.text}`, name: u.text, exact: false };
  }

  /** A location that is a non-pointer mutex field of a same-package struct, or a package-level mutex. */
  private isValueMutexLoc(id: string): boolean {
    let v = this.valueMutexMemo.get(id);
    if (v === undefined) { v = this.computeValueMutexLoc(id); this.valueMutexMemo.set(id, v); }
    return v;
  }

  private readonly valueMutexMemo = new Map<string, boolean>();

  private computeValueMutexLoc(id: string): boolean {
    if (id.startsWith('var:') || id.startsWith('local:')) return !id.includes('[') && !id.includes('<');
    const m = /^field:([^.[<]+)\.([^.[<]+)$/.exec(id);
    if (!m) return false;
    const info = this.oracle.pkg.types.get(m[1]!);
    if (!info) return false;
    const u = this.oracle.underlying(this.oracle.typeFromNode(info.typeNode));
    if (u.kind !== 'struct') return false;
    const f = u.fields.find((x) => x.name === m[2]);
    return !!f && f.type.kind === 'named' && this.isMutexType(f.type);
  }

  /** The embedded sync.Mutex/RWMutex of a same-package struct type, if any. */
  embeddedMutex(t: GoType, depth = 0): { owner: string; field: string; pointer: boolean } | null {
    if (depth > 3) return null;
    const base = t.kind === 'pointer' ? t.elem : t;
    if (base.kind !== 'named' || !base.info || base.pkgPath) return null;
    const u = this.oracle.underlying(base);
    if (u.kind !== 'struct') return null;
    for (const f of u.fields) {
      if (!f.embedded) continue;
      if (this.isMutexType(f.type)) return { owner: base.info.name, field: f.name, pointer: f.type.kind === 'pointer' };
      const r = this.embeddedMutex(f.type, depth + 1);
      if (r) return r;
    }
    return null;
  }
}

/** The identity of a local declaration itself. */
export function localId(d: Decl): string {
  return `local:${d.file?.index ?? 0}:${d.node?.id ?? 0}:${d.name}`;
}

function listItemsText(list: Node): string[] {
  return listItems(list).map((n) => unparen(n).text);
}
