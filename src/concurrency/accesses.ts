// Map accesses inside one expression region (a simple statement or a header
// expression): which map expressions it reads, writes, measures or iterates.
// Nested function literals are not part of the region: they are analysed as
// functions of their own.
import type { Node } from 'web-tree-sitter';
import type { TypeOracle } from '../types.js';
import { T, descendantsOf, field, namedChildrenNoComments, unparen, within } from '../syntax.js';

export type AccessKind = 'write' | 'read' | 'iterate' | 'len';

export interface RawAccess {
  kind: AccessKind;
  /** The map expression as written. */
  map: Node;
}

const PRINTING = new Set(['fmt', 'log']);
const ITERATING_MAPS = new Set(['Keys', 'Values', 'All', 'Clone', 'Equal', 'EqualFunc', 'Collect']);

/** Whether an index expression is the target of an assignment or ++/--. */
export function isAssigned(idx: Node): boolean {
  const p = idx.parent;
  if (!p) return false;
  if (p.type === T.incStatement || p.type === T.decStatement) return true;
  if (p.type === T.expressionList) {
    const s = p.parent;
    return !!s && s.type === T.assignment && field(s, 'left')?.id === p.id;
  }
  return false;
}

export function callArgs(call: Node): Node[] {
  const a = field(call, 'arguments');
  return a ? namedChildrenNoComments(a) : [];
}

/** The accesses a call makes to its map arguments: builtins, fmt/log, encoding/json, maps. */
export function callAccesses(call: Node, oracle: TypeOracle): RawAccess[] {
  const fn = field(call, 'function');
  if (!fn) return [];
  const f = unparen(fn);
  const args = callArgs(call);
  const isMap = (n: Node | undefined): n is Node => !!n && oracle.isMap(n);
  const out: RawAccess[] = [];
  if (f.type === T.identifier) {
    const d = oracle.resolver.resolve(f);
    if (d?.kind !== 'builtin' || d.node) return out;
    if ((f.text === 'delete' || f.text === 'clear') && isMap(args[0])) out.push({ kind: 'write', map: args[0] });
    if (f.text === 'len' && isMap(args[0])) out.push({ kind: 'len', map: args[0] });
    return out;
  }
  if (f.type !== T.selectorExpr) return out;
  const op = field(f, 'operand');
  const name = field(f, 'field')?.text ?? '';
  if (!op || op.type !== T.identifier) return out;
  const d = oracle.resolver.resolve(op);
  const path = d?.kind === 'import' ? d.importSpec?.path : undefined;
  if (!path) return out;
  if (PRINTING.has(path)) {
    for (const a of args) if (isMap(a)) out.push({ kind: 'iterate', map: a });
  } else if (path === 'encoding/json' && (name === 'Marshal' || name === 'MarshalIndent')) {
    if (isMap(args[0])) out.push({ kind: 'iterate', map: args[0] });
  } else if (path === 'maps') {
    if (ITERATING_MAPS.has(name)) { for (const a of args) if (isMap(a)) out.push({ kind: 'iterate', map: a }); }
    else if (name === 'Copy') {
      if (isMap(args[0])) out.push({ kind: 'write', map: args[0] });
      if (isMap(args[1])) out.push({ kind: 'iterate', map: args[1] });
    } else if ((name === 'DeleteFunc' || name === 'Insert') && isMap(args[0])) out.push({ kind: 'write', map: args[0] });
  }
  return out;
}

/** Nodes of `region` (itself included) of the given types, outside nested function literals. */
export function regionNodes(region: Node, types: readonly string[]): Node[] {
  const lits = region.type === T.funcLit ? [region] : descendantsOf(region, [T.funcLit]);
  const found = types.includes(region.type) ? [region] : [];
  for (const n of descendantsOf(region, types)) if (n.id !== region.id) found.push(n);
  return found.filter((n) => !lits.some((l) => within(n, l)));
}

/** Function literals directly in `region` (not nested inside another literal). */
export function regionLiterals(region: Node): Node[] {
  const lits = region.type === T.funcLit ? [region] : descendantsOf(region, [T.funcLit]);
  return lits.filter((l) => !lits.some((o) => o.id !== l.id && within(l, o)));
}

/** Map accesses of an expression region. */
export function scanAccesses(region: Node, oracle: TypeOracle): RawAccess[] {
  const out: RawAccess[] = [];
  for (const n of regionNodes(region, [T.indexExpr, T.callExpr])) {
    if (n.type === T.indexExpr) {
      const op = field(n, 'operand');
      if (op && oracle.isMap(op)) out.push({ kind: isAssigned(n) ? 'write' : 'read', map: op });
    } else {
      out.push(...callAccesses(n, oracle));
    }
  }
  return out;
}
