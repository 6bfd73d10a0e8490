// Parameter positions of a function declaration or literal.
import type { Node } from 'web-tree-sitter';
import { field, fields, namedChildrenNoComments } from '../syntax.js';

/** Position of the parameter named by identifier `name` in `fn`'s parameter list, or -1. */
export function paramIndex(fn: Node, name: Node): number {
  const list = field(fn, 'parameters');
  if (!list) return -1;
  let i = 0;
  for (const p of namedChildrenNoComments(list)) {
    const names = fields(p, 'name');
    for (const n of names) {
      if (n.id === name.id) return i;
      i++;
    }
    if (names.length === 0) i++;
  }
  return -1;
}
