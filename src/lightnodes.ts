// Cheaper node objects for the navigation the analysis does most.
//
// web-tree-sitter hands every node across the wasm boundary as a new `Node`: five 32-bit
// words read from a transfer buffer, an options object, a position object, and a class
// whose first field is the indexed property `[0]`, which gives each node a 17-slot
// elements store of its own. The analysis of the standard library makes about ten million
// of them; with their collection they were about a tenth of a scan's time.
//
// This module replaces, on `Node.prototype`, the methods that make nodes (children, named
// children, fields, parent, siblings, descendants of a type) with versions that read the
// same five words and make a `LightNode`: the same own properties web-tree-sitter's other
// methods read (`id`, `tree`, `startIndex`, `startPosition`, and `[0]` through an accessor
// on its prototype, which is `Node.prototype`), so every other method works on it as on a
// `Node`, and `instanceof Node` holds. Nothing else changes: the same wasm functions are
// called with the same arguments, in the same transfer buffer.
//
// It depends on web-tree-sitter's internals (the transfer buffer's layout and the exported
// wasm functions), so it installs itself only when the module has what it needs and when a
// check on a small tree gives the same answers both ways; otherwise the library's own
// methods stay.
import { Node } from 'web-tree-sitter';
import type { Tree } from 'web-tree-sitter';

type Fn = (...args: number[]) => number;

/** The Emscripten module's exported wasm functions and memory view, by name. */
interface Module {
  HEAP32?: Int32Array;
  [name: string]: unknown;
}

interface TreeLike { 0: number; language: { types: string[] } }
interface NodeLike { id: number; startIndex: number; startPosition: { row: number; column: number }; 0: number; tree: TreeLike; _children?: Array<NodeLike | null>; _namedChildren?: Array<NodeLike | null> }

let installed = false;

/** Whether the light nodes are in use in this thread. */
export function lightNodesInstalled(): boolean {
  return installed;
}

/**
 * Installs the light nodes for this thread's web-tree-sitter, given the Emscripten module
 * it runs on (the object passed to `Parser.init`) and a parsed tree to check them on.
 * Returns whether they are installed.
 */
export function installLightNodes(emscripten: object, check: Tree): boolean {
  if (installed) return true;
  const module = emscripten as Module;
  if (!(module.HEAP32 instanceof Int32Array)) return false;
  // The wasm functions used, looked up once; one the module lacks leaves the library as it is.
  let missing = false;
  const wasm = (name: string): Fn => {
    const f = module[name];
    if (typeof f === 'function') return f as Fn;
    missing = true;
    return () => 0;
  };
  const free = wasm('_free');
  const malloc = wasm('_malloc');
  const tb = wasm('_ts_init')();
  if (missing || (tb & 3) !== 0) return false;
  const base = tb >> 2;
  const heap = () => module.HEAP32!;
  const proto = Node.prototype as unknown as Record<string, unknown>;

  function LightNode(this: NodeLike, tree: TreeLike, id: number, startIndex: number, row: number, column: number, other: number): void {
    this.id = id;
    this.tree = tree;
    this.startIndex = startIndex;
    this.startPosition = { row, column };
    (this as unknown as { other: number }).other = other;
    this._children = undefined;
    this._namedChildren = undefined;
  }
  const lightProto = Object.create(Node.prototype, {
    0: { get(this: { other: number }) { return this.other; }, configurable: true },
  });
  LightNode.prototype = lightProto;
  const make = LightNode as unknown as new (tree: TreeLike, id: number, startIndex: number, row: number, column: number, other: number) => NodeLike;

  const marshal = (n: NodeLike) => {
    const h = heap();
    h[base] = n.id;
    h[base + 1] = n.startIndex;
    h[base + 2] = n.startPosition.row;
    h[base + 3] = n.startPosition.column;
    // A light node's fifth word is a plain property; web-tree-sitter's own node keeps it at [0].
    const other = (n as unknown as { other?: number }).other;
    h[base + 4] = other !== undefined ? other : n[0];
  };
  /** The node at word address `at` (5 words), or null for the null node. */
  const unmarshal = (tree: TreeLike, at: number): NodeLike | null => {
    const h = heap();
    const id = h[at]!;
    return id === 0 ? null : new make(tree, id, h[at + 1]!, h[at + 2]!, h[at + 3]!, h[at + 4]!);
  };
  /** The nodes the last call left as a count and an address in the transfer buffer (the list is freed). */
  const list = (tree: TreeLike): Array<NodeLike | null> => {
    const h = heap();
    const count = h[base]!;
    const address = h[base + 1]!;
    const out = new Array<NodeLike | null>(count);
    for (let i = 0, at = address >> 2; i < count; i++, at += 5) out[i] = unmarshal(tree, at);
    if (address !== 0) free(address);
    return out;
  };
  const one = (name: string) => { const f = wasm(name); return function (this: NodeLike): NodeLike | null {
    marshal(this);
    f(this.tree[0]);
    return unmarshal(this.tree, base);
  }; };
  const withArg = (name: string) => { const f = wasm(name); return function (this: NodeLike, arg: number): NodeLike | null {
    marshal(this);
    f(this.tree[0], arg);
    return unmarshal(this.tree, base);
  }; };
  const cached = (name: string, slot: '_children' | '_namedChildren') => { const f = wasm(name); return function (this: NodeLike): Array<NodeLike | null> {
    let v = this[slot];
    if (!v) {
      marshal(this);
      f(this.tree[0]);
      v = list(this.tree);
      this[slot] = v;
    }
    return v;
  }; };
  // Symbol lists for descendantsOfType, per grammar and requested types, kept in wasm memory.
  const symbolLists = new WeakMap<object, Map<string, { address: number; count: number }>>();
  const symbolsFor = (tree: TreeLike, types: readonly string[]) => {
    const key = types.join('\0');
    let lists = symbolLists.get(tree.language);
    if (!lists) symbolLists.set(tree.language, (lists = new Map()));
    let s = lists.get(key);
    if (!s) {
      const symbols: number[] = [];
      if (types.includes('ERROR')) symbols.push(65535);
      const all = tree.language.types;
      for (let i = 0; i < all.length; i++) if (types.includes(all[i]!)) symbols.push(i);
      const address = malloc(4 * Math.max(1, symbols.length));
      const h = heap();
      symbols.forEach((v, i) => (h[(address >> 2) + i] = v));
      s = { address, count: symbols.length };
      lists.set(key, s);
    }
    return s;
  };
  const ZERO = { row: 0, column: 0 };
  const childrenByField = wasm('_ts_node_children_by_field_id_wasm');
  const descendants = wasm('_ts_node_descendants_of_type_wasm');
  const replacements: Record<string, (...a: never[]) => unknown> = {
    childForFieldId: withArg('_ts_node_child_by_field_id_wasm'),
    child: withArg('_ts_node_child_wasm'),
    namedChild: withArg('_ts_node_named_child_wasm'),
    childrenForFieldId(this: NodeLike, fieldId: number) {
      marshal(this);
      childrenByField(this.tree[0], fieldId);
      return list(this.tree);
    },
    descendantsOfType(this: NodeLike, types: string | string[], startPosition = ZERO, endPosition = ZERO) {
      const s = symbolsFor(this.tree, Array.isArray(types) ? types : [types]);
      marshal(this);
      descendants(this.tree[0], s.address, s.count, startPosition.row, startPosition.column, endPosition.row, endPosition.column);
      return list(this.tree);
    },
  };
  const num = (name: string) => { const f = wasm(name); return function (this: NodeLike): number {
    marshal(this);
    return f(this.tree[0]);
  }; };
  const flag = (name: string) => { const f = wasm(name); return function (this: NodeLike): boolean {
    marshal(this);
    return f(this.tree[0]) === 1;
  }; };
  const typeId = num('_ts_node_symbol_wasm');
  const getters: Record<string, () => unknown> = {
    typeId,
    type(this: NodeLike) {
      return this.tree.language.types[typeId.call(this)] || 'ERROR';
    },
    endIndex: num('_ts_node_end_index_wasm'),
    hasError: flag('_ts_node_has_error_wasm'),
    isMissing: flag('_ts_node_is_missing_wasm'),
    isNamed: flag('_ts_node_is_named_wasm'),
    childCount: num('_ts_node_child_count_wasm'),
    namedChildCount: num('_ts_node_named_child_count_wasm'),
    parent: one('_ts_node_parent_wasm'),
    nextSibling: one('_ts_node_next_sibling_wasm'),
    previousSibling: one('_ts_node_prev_sibling_wasm'),
    nextNamedSibling: one('_ts_node_next_named_sibling_wasm'),
    previousNamedSibling: one('_ts_node_prev_named_sibling_wasm'),
    children: cached('_ts_node_children_wasm', '_children'),
    namedChildren: cached('_ts_node_named_children_wasm', '_namedChildren'),
  };
  // What is replaced, as the library defines it (to compare against, and to put back).
  const originals = new Map<string, PropertyDescriptor>();
  for (const name of [...Object.keys(replacements), ...Object.keys(getters)]) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (!d) return false;
    originals.set(name, d);
  }
  if (missing) return false;
  const install = () => {
    for (const [name, value] of Object.entries(replacements)) Object.defineProperty(proto, name, { ...originals.get(name), value });
    for (const [name, get] of Object.entries(getters)) Object.defineProperty(proto, name, { ...originals.get(name), get });
  };
  const restore = () => {
    for (const [name, d] of originals) Object.defineProperty(proto, name, d);
  };
  // The check: every node of the small tree, asked both ways.
  const describe = (n: Node | null | undefined) => {
    if (!n) return '-';
    const x = n as unknown as NodeLike;
    return `${x.id}:${x.startIndex}:${x.startPosition.row}:${x.startPosition.column}:${x[0]}:${n.typeId}:${n.type}:${n.endIndex}:${n.hasError}:${n.isMissing}:${n.isNamed}:${n.childCount}:${n.namedChildCount}:${n.text}`;
  };
  const probe = () => {
    const out: string[] = [];
    const visit = (n: Node) => {
      out.push(describe(n), describe(n.parent), describe(n.nextSibling), describe(n.previousSibling), describe(n.nextNamedSibling), describe(n.previousNamedSibling), describe(n.child(0)), describe(n.namedChild(0)));
      for (let f = 1; f < 8; f++) out.push(describe(n.childForFieldId(f)), n.childrenForFieldId(f).map(describe).join(','));
      out.push(n.namedChildren.map(describe).join(','));
      for (const c of n.children) if (c) visit(c);
    };
    visit(check.rootNode);
    out.push(check.rootNode.descendantsOfType(['identifier', 'call_expression', 'ERROR']).map(describe).join(','));
    return out.join('\n');
  };
  const expected = probe();
  install();
  let same = false;
  try {
    same = probe() === expected;
  } catch {
    same = false;
  }
  if (!same) {
    restore();
    return false;
  }
  installed = true;
  return true;
}
