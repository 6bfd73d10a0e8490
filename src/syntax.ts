// The one module that spells tree-sitter-go node types, plus small tree helpers.
// Everything else asks these helpers instead of comparing type strings by hand.
import type { Language, Node, Tree } from 'web-tree-sitter';

export const T = {
  sourceFile: 'source_file',
  packageClause: 'package_clause',
  importDecl: 'import_declaration',
  importSpec: 'import_spec',
  importSpecList: 'import_spec_list',
  funcDecl: 'function_declaration',
  methodDecl: 'method_declaration',
  funcLit: 'func_literal',
  typeDecl: 'type_declaration',
  typeSpec: 'type_spec',
  typeAlias: 'type_alias',
  varDecl: 'var_declaration',
  varSpec: 'var_spec',
  varSpecList: 'var_spec_list',
  constDecl: 'const_declaration',
  constSpec: 'const_spec',
  block: 'block',
  lbrace: '{',
  statementList: 'statement_list',
  shortVarDecl: 'short_var_declaration',
  assignment: 'assignment_statement',
  incStatement: 'inc_statement',
  decStatement: 'dec_statement',
  exprStatement: 'expression_statement',
  goStatement: 'go_statement',
  deferStatement: 'defer_statement',
  returnStatement: 'return_statement',
  ifStatement: 'if_statement',
  forStatement: 'for_statement',
  rangeClause: 'range_clause',
  forClause: 'for_clause',
  exprSwitch: 'expression_switch_statement',
  typeSwitch: 'type_switch_statement',
  exprCase: 'expression_case',
  typeCase: 'type_case',
  defaultCase: 'default_case',
  selectStatement: 'select_statement',
  commCase: 'communication_case',
  receiveStatement: 'receive_statement',
  sendStatement: 'send_statement',
  labeledStatement: 'labeled_statement',
  continueStatement: 'continue_statement',
  breakStatement: 'break_statement',
  gotoStatement: 'goto_statement',
  fallthroughStatement: 'fallthrough_statement',
  labelName: 'label_name',
  identifier: 'identifier',
  typeIdentifier: 'type_identifier',
  fieldIdentifier: 'field_identifier',
  packageIdentifier: 'package_identifier',
  blankIdentifier: '_',
  callExpr: 'call_expression',
  selectorExpr: 'selector_expression',
  indexExpr: 'index_expression',
  sliceExpr: 'slice_expression',
  typeAssertion: 'type_assertion_expression',
  typeConversion: 'type_conversion_expression',
  unaryExpr: 'unary_expression',
  binaryExpr: 'binary_expression',
  parenExpr: 'parenthesized_expression',
  compositeLit: 'composite_literal',
  literalValue: 'literal_value',
  keyedElement: 'keyed_element',
  literalElement: 'literal_element',
  expressionList: 'expression_list',
  argumentList: 'argument_list',
  parameterList: 'parameter_list',
  parameterDecl: 'parameter_declaration',
  variadicParameterDecl: 'variadic_parameter_declaration',
  typeParameterList: 'type_parameter_list',
  typeParameterDecl: 'type_parameter_declaration',
  typeConstraint: 'type_constraint',
  negatedType: 'negated_type',
  typeElem: 'type_elem',
  mapType: 'map_type',
  pointerType: 'pointer_type',
  sliceType: 'slice_type',
  arrayType: 'array_type',
  implicitLengthArrayType: 'implicit_length_array_type',
  channelType: 'channel_type',
  structType: 'struct_type',
  interfaceType: 'interface_type',
  functionType: 'function_type',
  qualifiedType: 'qualified_type',
  genericType: 'generic_type',
  parenType: 'parenthesized_type',
  fieldDeclList: 'field_declaration_list',
  fieldDecl: 'field_declaration',
  comment: 'comment',
  stringLiteral: 'interpreted_string_literal',
  rawStringLiteral: 'raw_string_literal',
  intLiteral: 'int_literal',
  error: 'ERROR',
} as const;

/** Node types that open a function body. */
export const FUNCTION_TYPES: ReadonlySet<string> = new Set([T.funcDecl, T.methodDecl, T.funcLit]);

/** Node types that are type expressions (as opposed to value expressions). */
export const TYPE_NODE_TYPES: ReadonlySet<string> = new Set([
  T.typeIdentifier, T.mapType, T.pointerType, T.sliceType, T.arrayType, T.implicitLengthArrayType,
  T.channelType, T.structType, T.interfaceType, T.functionType, T.qualifiedType, T.genericType, T.parenType,
]);

/** Named children of `node` (one call into wasm; namedChild(i) would cost one call, and a walk from the first child, each). */
export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null);
}

/**
 * The text each tree was parsed from, for the analyses that parsed it. Node offsets index
 * it directly (web-tree-sitter counts UTF-16 units for string input), so a question the
 * text answers costs no call into wasm.
 */
const treeTexts = new WeakMap<Tree, string>();

export function rememberText(tree: Tree, text: string): void {
  treeTexts.set(tree, text);
}

/** The source text of the tree `node` belongs to, when it was remembered. */
export function treeText(node: Node): string | undefined {
  return treeTexts.get(node.tree);
}

const SLASH = 47;

/** Where `remembered` keeps a fact per tree and node id (a Map, or a WeakMap that lets a finished tree go). */
export interface NodeFacts<V> {
  get(tree: Tree): Map<number, V> | undefined;
  set(tree: Tree, facts: Map<number, V>): unknown;
}

/** A fact of a node, computed once per tree and node id (`undefined` is never a fact). */
export function remembered<V>(store: NodeFacts<V>, n: Node, compute: () => V): V {
  let m = store.get(n.tree);
  if (!m) store.set(n.tree, (m = new Map()));
  let v = m.get(n.id);
  if (v === undefined) {
    v = compute();
    m.set(n.id, v);
  }
  return v;
}

/** Named children of `node`, skipping comments. */
export function namedChildrenNoComments(node: Node): Node[] {
  const text = treeTexts.get(node.tree);
  // Only a comment among Go's named nodes starts with '/': the text tells without asking each child's type.
  if (text !== undefined) return node.namedChildren.filter((c): c is Node => c !== null && text.charCodeAt(c.startIndex) !== SLASH);
  return node.namedChildren.filter((c): c is Node => c !== null && c.type !== T.comment);
}

/** Field ids by name, per grammar (the binding looks a name up by a linear search of all names on every call). */
const fieldIds = new WeakMap<Language, Map<string, number | null>>();

export function field(node: Node, name: string): Node | null {
  const language = node.tree.language;
  let ids = fieldIds.get(language);
  if (!ids) fieldIds.set(language, (ids = new Map()));
  let id = ids.get(name);
  if (id === undefined) ids.set(name, (id = language.fieldIdForName(name)));
  return id === null ? null : node.childForFieldId(id);
}

export function fields(node: Node, name: string): Node[] {
  return node.childrenForFieldName(name).filter((n): n is Node => n !== null);
}

/** Strips parentheses: ((x)) -> x. */
export function unparen(node: Node): Node {
  let n = node;
  for (let t = n.type; t === T.parenExpr || t === T.parenType; t = n.type) {
    const inner = namedChildrenNoComments(n)[0];
    if (!inner) break;
    n = inner;
  }
  return n;
}

/** Items of an expression_list, or the node itself. */
export function listItems(node: Node | null): Node[] {
  if (!node) return [];
  if (node.type === T.expressionList) return namedChildrenNoComments(node);
  return [node];
}

/** The statements of a block (tree-sitter-go 0.25 wraps them in a statement_list). */
export function blockStatements(block: Node): Node[] {
  const out: Node[] = [];
  for (const c of namedChildrenNoComments(block)) {
    if (c.type === T.statementList) out.push(...namedChildrenNoComments(c));
    else out.push(c);
  }
  return out;
}

/** The operator token of a unary or binary expression, e.g. '&', '*', '<-', '+'. */
export function operatorOf(node: Node): string | null {
  const op = node.childForFieldName('operator');
  if (op) return op.type;
  for (const c of node.children) if (c && !c.isNamed) return c.type;
  return null;
}

/** Whether an assignment-like node uses ':=' (range clauses, receive statements). */
export function hasDefineToken(node: Node): boolean {
  for (const c of node.children) if (c && !c.isNamed && c.type === ':=') return true;
  return false;
}

/** The assignment operator of an assignment_statement: '=', '+=', ... */
export function assignmentOperator(node: Node): string {
  const op = node.childForFieldName('operator');
  if (op) return op.type;
  for (const c of node.children) if (c && !c.isNamed && c.type.endsWith('=')) return c.type;
  return '=';
}

/** Text of a Go string literal node without quotes (escapes left as written except \" ). */
export function stringValue(node: Node): string {
  const t = node.text;
  if (node.type === T.rawStringLiteral) return t.slice(1, -1);
  return t.slice(1, -1).replace(/\\"/g, '"').replace(/\\\\/g, '\\');
}

/**
 * For each tree, node id -> the nearest function node that is the node or one of its
 * ancestors (null at package level). Tree-sitter keeps no parent pointers (each `parent`
 * walks down from the root), and the analyses ask for the function of the same
 * declarations again and again.
 */
const functionOf = new WeakMap<object, Map<number, Node | null>>();

/** An unexported function name other than `main` and `init`: only the package itself calls it. */
export function isPrivateFuncName(name: string): boolean {
  return !/^[A-Z]/.test(name) && name !== 'main' && name !== 'init';
}

/** Nearest enclosing function node (declaration or literal), or null at package level. */
export function enclosingFunction(node: Node): Node | null {
  let memo = functionOf.get(node.tree);
  if (!memo) functionOf.set(node.tree, (memo = new Map()));
  const path: number[] = [];
  let found: Node | null = null;
  for (let n = node.parent; n; n = n.parent) {
    const known = memo.get(n.id);
    if (known !== undefined) { found = known; break; }
    path.push(n.id);
    if (FUNCTION_TYPES.has(n.type)) { found = n; break; }
  }
  for (const id of path) memo.set(id, found);
  return found;
}

/** Iterative pre-order walk restricted to named nodes; `enter` returns false to skip children. */
export function walk(root: Node, enter: (n: Node) => boolean | void): void {
  const cursor = root.walk();
  try {
    let depth = 0;
    for (;;) {
      const n = cursor.currentNode;
      let descend = true;
      if (n.isNamed) descend = enter(n) !== false;
      if (descend && cursor.gotoFirstChild()) { depth++; continue; }
      while (!cursor.gotoNextSibling()) {
        if (depth === 0) return;
        cursor.gotoParent();
        depth--;
      }
      if (depth === 0) return;
    }
  } finally {
    cursor.delete();
  }
}

/** Descendants of `root` of the given types (one call into wasm), in document order. */
export function descendantsOf(root: Node, types: readonly string[]): Node[] {
  return root.descendantsOfType(types as string[]).filter((n): n is Node => n !== null);
}

/**
 * Descendants of the given types in the top-level declarations of a file whose text (for
 * a function declaration, its body's) matches `mark`, a regular expression with the g flag
 * that the text of every such node contains: the declarations that cannot hold one are not
 * walked at all.
 */
export function descendantsInDecls(root: Node, text: string, types: readonly string[], mark: RegExp): Node[] {
  // Every match once, in one pass over the file (searching from each declaration would
  // scan to the end of the file for every declaration that holds none).
  const at: number[] = [];
  mark.lastIndex = 0;
  for (let m = mark.exec(text); m; m = mark.exec(text)) {
    at.push(m.index);
    if (m[0].length === 0) mark.lastIndex++;
  }
  const out: Node[] = [];
  if (at.length === 0) return out;
  let i = 0;
  for (const { top, from, end } of declSpans(root)) {
    while (i < at.length && at[i]! < from) i++;
    if (i === at.length) break;
    if (at[i]! >= end) continue;
    for (const n of top.descendantsOfType(types as string[])) if (n) out.push(n);
  }
  return out;
}

/** Per tree, the top-level declarations with where their searched text starts and ends (asked by several analyses of a package). */
const declSpanMemo = new WeakMap<object, { root: number; spans: Array<{ top: Node; from: number; end: number }> }>();

function declSpans(root: Node): Array<{ top: Node; from: number; end: number }> {
  const memo = declSpanMemo.get(root.tree);
  let spans = memo?.root === root.id ? memo.spans : undefined;
  if (!spans) {
    spans = [];
    for (const top of root.namedChildren) {
      if (!top) continue;
      // In a function declaration only the body counts (its own `func` keyword would always match).
      const type = top.type;
      const body = type === T.funcDecl || type === T.methodDecl ? field(top, 'body') : null;
      spans.push({ top, from: body ? body.startIndex : top.startIndex, end: top.endIndex });
    }
    declSpanMemo.set(root.tree, { root: root.id, spans });
  }
  return spans;
}

/** Whether `inner` lies within `outer` (same tree, by byte range). */
export function within(inner: Node, outer: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex && inner.tree === outer.tree;
}
