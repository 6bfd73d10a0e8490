// Which lock guards a location: inferred from the locks held at its accesses (a lock
// held at most accesses), and from the declarations: a mutex declared in the same
// struct (named in a comment, the only one, or the nearest one above the field), or
// a package-level mutex declared in the same var block.
import type { Node } from 'web-tree-sitter';
import type { TypeOracle } from '../types.js';
import { T, enclosingFunction } from '../syntax.js';
import type { Identities } from './identity.js';

/** The field a location identity starts from: `field:T.f[]` -> {type: T, field: f}. */
export function baseField(loc: string): { type: string; field: string } | null {
  const m = /^field:([^.[<]+)\.([^.[<]+)/.exec(loc);
  return m ? { type: m[1]!, field: m[2]! } : null;
}

export function baseVar(loc: string): string | null {
  const m = /^var:([^.[<]+)/.exec(loc);
  return m ? m[1]! : null;
}

export class DeclaredGuards {
  private readonly memo = new Map<string, string | null>();

  constructor(private readonly oracle: TypeOracle, private readonly ids: Identities) {}

  /** Lock identity the declarations name as the guard of a location, if any. */
  of(loc: string): string | null {
    const bf = baseField(loc);
    const bv = baseVar(loc);
    const k = bf ? `f:${bf.type}.${bf.field}` : bv ? `v:${bv}` : null;
    if (!k) return null;
    if (this.memo.has(k)) return this.memo.get(k)!;
    const r = bf ? this.structGuard(bf.type, bf.field) : this.varGuard(bv!);
    this.memo.set(k, r);
    return r;
  }

  private structGuard(typeName: string, fieldName: string): string | null {
    const info = this.oracle.pkg.types.get(typeName);
    if (!info) return null;
    const u = this.oracle.underlying(this.oracle.typeFromNode(info.typeNode));
    if (u.kind !== 'struct') return null;
    const target = u.fields.find((f) => f.name === fieldName);
    const mutexes = u.fields.filter((f) => this.ids.isMutexType(f.type) && f.node);
    if (!target?.node || mutexes.length === 0) return null;
    const id = (name: string) => `field:${typeName}.${name}`;
    for (const m of mutexes) {
      const c = trailingComment(m.node!);
      if (c && new RegExp(`\\b${fieldName}\\b`).test(c)) return id(m.name);
    }
    if (mutexes.length === 1) return id(mutexes[0]!.name);
    const above = mutexes.filter((m) => m.node!.startIndex < target.node!.startIndex);
    return above.length ? id(above[above.length - 1]!.name) : null;
  }

  private varGuard(name: string): string | null {
    const d = this.oracle.pkg.scope.get(name);
    if (!d?.node || enclosingFunction(d.node)) return null;
    let group: Node | null = d.node;
    while (group && group.type !== T.varDecl) group = group.parent;
    if (!group) return null;
    for (const other of this.oracle.pkg.scope.values()) {
      if (other.kind !== 'var' || !other.node || other.name === name) continue;
      if (other.node.startIndex < group.startIndex || other.node.endIndex > group.endIndex) continue;
      if (this.ids.isMutexType(this.oracle.declType(other))) return `var:${other.name}`;
    }
    return null;
  }
}

/** The comment on the same line after a field's declaration. */
function trailingComment(nameNode: Node): string | null {
  let decl: Node | null = nameNode;
  while (decl && decl.type !== T.fieldDecl) decl = decl.parent;
  if (!decl) return null;
  const next = decl.nextSibling;
  if (next?.type === T.comment && next.startPosition.row === decl.endPosition.row) return next.text;
  return null;
}
