// Map accesses: which map expressions an index expression or a call reads,
// writes, measures or iterates (builtins, fmt/log, encoding/json, maps).
import type { Node } from 'web-tree-sitter';
import type { TypeOracle } from '../types.js';
import { T, field, namedChildrenNoComments, unparen } from '../syntax.js';

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
    if (f.text !== 'delete' && f.text !== 'clear' && f.text !== 'len') return out;
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
  const imp = oracle.resolver.fileOf(op).importsByName.get(op.text);
  if (!imp || !(PRINTING.has(imp.path) || imp.path === 'encoding/json' || imp.path === 'maps')) return out;
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
