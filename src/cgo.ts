// The C side of cgo: what a cgo preamble (the comment right before `import "C"`)
// says about Go map internals. It finds C structs that mirror the runtime's map
// structs and constant-offset pointer arithmetic on the parameters of C
// functions, and lists the functions with their parameters so a rule can match
// them with the Go calls `C.f(...)` that pass a map-derived pointer. The layout
// facts it matches against live in maplayout.ts.
//
// This module is the only one that spells tree-sitter-c node type names.
import type { Node, Parser } from 'web-tree-sitter';
import type { Range } from './diagnostic.js';
import { matchRuntimeStruct, runtimeStructByName } from './maplayout.js';
import type { RuntimeMapStruct } from './maplayout.js';

// ---------------------------------------------------------------------------
// The preamble

/** Where the preamble's comment text starts in the Go file (0-based, UTF-16). */
export interface PreambleStart {
  line: number;
  column: number;
  index: number;
}

export interface CStructMirror {
  /** The struct tag, or the typedef name of an anonymous struct. */
  name: string;
  /** The runtime struct it copies (by shape) or is named like (by name). */
  mirrors: RuntimeMapStruct;
  by: 'fields' | 'name';
  /** Field names that match the runtime's, in order (empty when by name only). */
  fields: string[];
  /** The name node, in file coordinates. */
  range: Range;
}

export interface COffsetUse {
  function: string;
  param: string;
  paramIndex: number;
  /** Bytes from the address the parameter holds on entry. */
  offset: number;
  /** arith: `p + k`, `p += k`; subscript: `((T*)p)[k]`; deref: `*(T*)p`. */
  kind: 'arith' | 'subscript' | 'deref';
  /** The arithmetic, subscript or dereference expression, in file coordinates. */
  range: Range;
}

export interface CFunction {
  params: string[];
  /** Each parameter's type as written, whitespace collapsed: "struct hmap *", "void *". */
  paramTypes: string[];
  /** Whether the preamble defines it (a body) or only declares it. */
  defined: boolean;
  /** The function name node, in file coordinates. */
  range: Range;
}

export interface PreambleFacts {
  structs: CStructMirror[];
  offsetArith: COffsetUse[];
  functions: Map<string, CFunction>;
}

/**
 * Turn the source text of a Go comment group into the C code cgo sees, keeping
 * every offset and line: comment markers and `#cgo` directive lines become
 * spaces. A C `//` comment after code on a `//` line stays a C comment.
 */
export function preambleToC(commentSource: string): string {
  const out: string[] = [];
  let mode: 'outside' | 'line' | 'block' = 'outside';
  for (let i = 0; i < commentSource.length; i++) {
    const ch = commentSource[i]!;
    const next = commentSource[i + 1];
    if (mode === 'outside') {
      if (ch === '/' && (next === '/' || next === '*')) {
        out.push('  ');
        mode = next === '/' ? 'line' : 'block';
        i++;
      } else out.push(ch === '\n' || ch === '\r' || ch === '\t' ? ch : ' ');
    } else if (mode === 'line') {
      out.push(ch);
      if (ch === '\n') mode = 'outside';
    } else if (ch === '*' && next === '/') {
      out.push('  ');
      mode = 'outside';
      i++;
    } else out.push(ch);
  }
  return out
    .join('')
    .split('\n')
    .map((line) => (/^\s*#cgo\b/.test(line) ? line.replace(/[^\r]/g, ' ') : line))
    .join('\n');
}

/**
 * Parse a cgo preamble with tree-sitter-c and collect what it says about maps.
 * `parser` must have the C language set; the tree is deleted before returning.
 */
export function analyzePreamble(parser: Parser, commentSource: string, start: PreambleStart): PreambleFacts {
  const c = preambleToC(commentSource);
  // Pathologically nested C (thousands of nested structs or parentheses) makes tree
  // access superlinear; real preambles nest a few levels. Such a preamble is not analysed.
  if (nestingDepth(c) > MAX_C_NESTING) return { structs: [], offsetArith: [], functions: new Map() };
  const tree = parser.parse(c);
  if (!tree) return { structs: [], offsetArith: [], functions: new Map() };
  try {
    const toRange = (node: Node): Range => ({
      start: {
        line: start.line + node.startPosition.row,
        column: node.startPosition.row === 0 ? start.column + node.startPosition.column : node.startPosition.column,
      },
      end: {
        line: start.line + node.endPosition.row,
        column: node.endPosition.row === 0 ? start.column + node.endPosition.column : node.endPosition.column,
      },
      startIndex: start.index + node.startIndex,
      endIndex: start.index + node.endIndex,
    });
    const facts: PreambleFacts = { structs: [], offsetArith: [], functions: new Map() };
    collectStructs(tree.rootNode, toRange, facts.structs);
    for (const fn of tree.rootNode.descendantsOfType(['function_definition', 'declaration'])) {
      collectFunction(fn, toRange, facts);
    }
    return facts;
  } finally {
    tree.delete();
  }
}

/** Deeper bracket nesting than this in a preamble skips its analysis (see the rule doc). */
export const MAX_C_NESTING = 256;

/** The deepest nesting of (), [] and {} in C text (brackets in strings and comments count too: an over-estimate is safe). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 40 || ch === 91 || ch === 123) { depth++; if (depth > max) max = depth; }
    else if ((ch === 41 || ch === 93 || ch === 125) && depth > 0) depth--;
  }
  return max;
}

// ---------------------------------------------------------------------------
// C structs

function collectStructs(root: Node, toRange: (n: Node) => Range, out: CStructMirror[]): void {
  for (const spec of root.descendantsOfType('struct_specifier')) {
    const body = spec.childForFieldName('body');
    let nameNode = spec.childForFieldName('name');
    if (!nameNode && spec.parent?.type === 'type_definition') {
      nameNode = spec.parent.childForFieldName('declarator');
    }
    if (!nameNode || nameNode.type !== 'type_identifier') continue;
    const fields = body ? structFieldNames(body) : [];
    const shape = body ? matchRuntimeStruct(fields.map((f) => f.name)) : undefined;
    const byName = body ? runtimeStructByName(nameNode.text) : undefined;
    if (shape && shape.mirrors === 'bmap' && !fields[0]?.array) continue;
    if (shape) out.push({ name: nameNode.text, mirrors: shape.mirrors, by: 'fields', fields: shape.fields, range: toRange(nameNode) });
    else if (byName) out.push({ name: nameNode.text, mirrors: byName, by: 'name', fields: [], range: toRange(nameNode) });
  }
}

function structFieldNames(body: Node): { name: string; array: boolean }[] {
  const out: { name: string; array: boolean }[] = [];
  for (const decl of body.namedChildren) {
    if (decl.type !== 'field_declaration') continue;
    for (const d of decl.childrenForFieldName('declarator')) {
      let array = false;
      let n: Node | null = d;
      while (n && n.type !== 'field_identifier') {
        if (n.type === 'array_declarator') array = true;
        n = n.childForFieldName('declarator');
      }
      if (n) out.push({ name: n.text, array });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// C functions and offset arithmetic

/** A value that is a parameter's address plus a known number of bytes. */
interface Derived {
  param: string;
  paramIndex: number;
  offset: number;
  /** Size of what the current type points to; for integer addresses, 1. Undefined if unknown. */
  scale: number | undefined;
  /** The arithmetic that produced it, if any. */
  via: Node | undefined;
}

interface CType {
  /** Pointer depth (0 for a non-pointer). */
  depth: number;
  /** Size of the base type in bytes (LP64), if known. */
  size: number | undefined;
  /** The base type is an address-sized integer meant to hold one (uintptr_t, intptr_t). */
  addressInt: boolean;
}

const SIZES: ReadonlyMap<string, number> = new Map([
  ...['char', 'signed char', 'unsigned char', 'int8_t', 'uint8_t', '_Bool', 'bool', 'void', 'GoInt8', 'GoUint8'].map(
    (t) => [t, 1] as const,
  ),
  ...['short', 'unsigned short', 'short int', 'unsigned short int', 'int16_t', 'uint16_t', 'GoInt16', 'GoUint16'].map(
    (t) => [t, 2] as const,
  ),
  ...['int', 'unsigned', 'unsigned int', 'signed int', 'int32_t', 'uint32_t', 'float', 'GoInt32', 'GoUint32', 'GoFloat32'].map(
    (t) => [t, 4] as const,
  ),
  ...[
    'long', 'unsigned long', 'long int', 'unsigned long int', 'long long', 'unsigned long long', 'int64_t', 'uint64_t',
    'intptr_t', 'uintptr_t', 'size_t', 'ssize_t', 'ptrdiff_t', 'double', 'GoInt64', 'GoUint64', 'GoInt', 'GoUint',
    'GoUintptr', 'GoFloat64',
  ].map((t) => [t, 8] as const),
]);

const ADDRESS_INTS: ReadonlySet<string> = new Set(['uintptr_t', 'intptr_t', 'GoUintptr']);

/** The type of a declaration: its `type` child plus the pointer declarators around `declarator`. */
function declaredType(typeNode: Node | null, declarator: Node | null): CType {
  let depth = 0;
  for (let d = declarator; d; d = d.childForFieldName('declarator')) {
    if (d.type === 'pointer_declarator' || d.type === 'abstract_pointer_declarator') depth++;
  }
  const base = typeNode ? typeNode.text.replace(/\s+/g, ' ').trim() : '';
  return { depth, size: SIZES.get(base), addressInt: ADDRESS_INTS.has(base) };
}

/** What arithmetic on a value of this type advances by, or undefined if it is not tracked. */
function scaleOf(t: CType): number | undefined {
  if (t.depth === 1) return t.size;
  if (t.depth > 1) return 8;
  return t.addressInt ? 1 : undefined;
}

function declaratorName(d: Node | null): Node | null {
  while (d && d.type !== 'identifier') d = d.childForFieldName('declarator');
  return d;
}

function functionDeclarator(d: Node | null): Node | null {
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator');
  return d;
}

function collectFunction(node: Node, toRange: (n: Node) => Range, facts: PreambleFacts): void {
  const isDef = node.type === 'function_definition';
  if (!isDef && node.parent?.type !== 'translation_unit') return;
  const fdecl = functionDeclarator(node.childForFieldName('declarator'));
  const nameNode = declaratorName(fdecl);
  if (!fdecl || !nameNode) return;
  const params: string[] = [];
  const paramTypes: string[] = [];
  const tracked = new Map<string, Derived>();
  for (const p of fdecl.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p.type !== 'parameter_declaration') continue;
    const d = p.childForFieldName('declarator');
    const name = declaratorName(d)?.text ?? '';
    const t = declaredType(p.childForFieldName('type'), d);
    if (t.depth === 0 && p.childForFieldName('type')?.text === 'void' && !d) continue; // f(void)
    params.push(name);
    paramTypes.push(typeText(p, d));
    const scale = scaleOf(t);
    if (name && (t.depth > 0 || t.addressInt)) {
      tracked.set(name, { param: name, paramIndex: params.length - 1, offset: 0, scale, via: undefined });
    }
  }
  const prev = facts.functions.get(nameNode.text);
  if (!prev || (isDef && !prev.defined)) {
    facts.functions.set(nameNode.text, { params, paramTypes, defined: isDef, range: toRange(nameNode) });
  }
  const body = isDef ? node.childForFieldName('body') : null;
  if (body) new OffsetWalker(nameNode.text, tracked, toRange, facts.offsetArith).walk(body);
}

function typeText(param: Node, declarator: Node | null): string {
  const base = param.childForFieldName('type')?.text.replace(/\s+/g, ' ') ?? '';
  const { depth } = declaredType(null, declarator);
  return depth > 0 ? `${base} ${'*'.repeat(depth)}` : base;
}

/** Walks one function body in source order, following parameters through locals. */
class OffsetWalker {
  private readonly env: Map<string, Derived>;
  private readonly found: { use: COffsetUse; node: Node }[] = [];
  /** Arithmetic whose result feeds later arithmetic: only the last step is reported. */
  private readonly superseded = new Set<number>();

  constructor(
    private readonly fn: string,
    params: Map<string, Derived>,
    private readonly toRange: (n: Node) => Range,
    private readonly out: COffsetUse[],
  ) {
    this.env = new Map(params);
  }

  walk(body: Node): void {
    this.visit(body);
    for (const f of this.found) if (!this.superseded.has(f.node.id)) this.out.push(f.use);
  }

  private visit(node: Node): void {
    switch (node.type) {
      case 'declaration':
        this.declaration(node);
        return;
      case 'assignment_expression':
        this.assignment(node);
        return;
      case 'update_expression': {
        // p++ and --p move the address by a step this walk does not count: forget p.
        const arg = node.childForFieldName('argument');
        if (arg?.type === 'identifier') this.env.delete(arg.text);
        else for (const c of node.namedChildren) this.visit(c);
        return;
      }
      case 'binary_expression':
      case 'subscript_expression':
      case 'pointer_expression':
      case 'cast_expression':
      case 'parenthesized_expression':
      case 'identifier':
        this.value(node);
        return;
      default:
        for (const c of node.namedChildren) this.visit(c);
    }
  }

  private declaration(node: Node): void {
    const typeNode = node.childForFieldName('type');
    for (const d of node.childrenForFieldName('declarator')) {
      const name = declaratorName(d)?.text;
      if (!name) continue;
      if (d.type !== 'init_declarator') {
        this.env.delete(name);
        continue;
      }
      const value = d.childForFieldName('value');
      const v = value ? this.value(value) : undefined;
      const t = declaredType(typeNode, d.childForFieldName('declarator'));
      if (v && (t.depth > 0 || t.addressInt)) this.env.set(name, { ...v, scale: scaleOf(t) });
      else this.env.delete(name);
    }
  }

  private assignment(node: Node): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const op = node.childForFieldName('operator')?.type ?? node.child(1)?.type;
    if (!left || !right) return;
    if (left.type !== 'identifier') {
      this.visit(left);
      this.value(right);
      return;
    }
    if (op === '=') {
      const v = this.value(right);
      const cur = this.env.get(left.text);
      if (v) this.env.set(left.text, { ...v, scale: cur?.scale ?? v.scale });
      else this.env.delete(left.text);
      return;
    }
    const cur = this.env.get(left.text);
    const k = constValue(right);
    if (cur && (op === '+=' || op === '-=') && k !== undefined && cur.scale !== undefined) {
      const next = this.arith(node, cur, op === '+=' ? k : -k);
      this.env.set(left.text, next);
      return;
    }
    this.value(right);
    this.env.delete(left.text);
  }

  /** The derived address an expression evaluates to, recording offset uses on the way. */
  private value(node: Node): Derived | undefined {
    switch (node.type) {
      case 'identifier':
        return this.env.get(node.text);
      case 'parenthesized_expression': {
        const inner = node.namedChildren.find((c) => c.type !== 'comment');
        return inner ? this.value(inner) : undefined;
      }
      case 'cast_expression': {
        const v = this.valueOf(node.childForFieldName('value'));
        const td = node.childForFieldName('type');
        if (!v || !td) return undefined;
        const t = declaredType(td.childForFieldName('type'), td.childForFieldName('declarator'));
        if (t.depth === 0 && t.size !== 8) return undefined;
        return { ...v, scale: t.depth === 0 ? 1 : scaleOf(t) };
      }
      case 'binary_expression': {
        const op = node.childForFieldName('operator')?.type;
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const l = this.valueOf(left);
        const r = this.valueOf(right);
        if ((op === '+' || op === '-') && l && !r && right) {
          const k = constValue(right);
          if (k !== undefined && l.scale !== undefined) return this.arith(node, l, op === '+' ? k : -k);
        }
        if (op === '+' && r && !l && left) {
          const k = constValue(left);
          if (k !== undefined && r.scale !== undefined) return this.arith(node, r, k);
        }
        return undefined;
      }
      case 'subscript_expression': {
        const v = this.valueOf(node.childForFieldName('argument'));
        const index = node.childForFieldName('index');
        const k = index ? constValue(index) : undefined;
        if (index && k === undefined) this.visit(index);
        if (v && k !== undefined && v.scale !== undefined) this.record(node, v, v.offset + k * v.scale, 'subscript');
        return undefined;
      }
      case 'pointer_expression': {
        const op = node.childForFieldName('operator')?.type ?? node.child(0)?.type;
        const v = this.valueOf(node.childForFieldName('argument'));
        if (op === '*' && v && !v.via && v.offset === 0) this.record(node, v, 0, 'deref');
        return undefined;
      }
      default:
        for (const c of node.namedChildren) this.visit(c);
        return undefined;
    }
  }

  private valueOf(node: Node | null): Derived | undefined {
    return node ? this.value(node) : undefined;
  }

  private arith(node: Node, base: Derived, k: number): Derived {
    const offset = base.offset + k * base.scale!;
    if (base.via) this.superseded.add(base.via.id);
    this.record(node, base, offset, 'arith');
    return { ...base, offset, via: node };
  }

  private record(node: Node, v: Derived, offset: number, kind: COffsetUse['kind']): void {
    if (kind !== 'arith' && v.via) this.superseded.add(v.via.id);
    this.found.push({
      node,
      use: { function: this.fn, param: v.param, paramIndex: v.paramIndex, offset, kind, range: this.toRange(node) },
    });
  }
}

/** The value of a C integer constant expression, for the simple forms offsets take. */
export function constValue(node: Node): number | undefined {
  switch (node.type) {
    case 'number_literal': {
      const text = node.text.replace(/[uUlL]+$/, '').replace(/'/g, '');
      let n: number;
      if (/^0[xX][0-9a-fA-F]+$/.test(text)) n = parseInt(text.slice(2), 16);
      else if (/^0[bB][01]+$/.test(text)) n = parseInt(text.slice(2), 2);
      else if (/^0[0-7]+$/.test(text)) n = parseInt(text.slice(1), 8);
      else if (/^[0-9]+$/.test(text)) n = parseInt(text, 10);
      else return undefined;
      return Number.isSafeInteger(n) ? n : undefined;
    }
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c.type !== 'comment');
      return inner ? constValue(inner) : undefined;
    }
    case 'cast_expression': {
      const v = node.childForFieldName('value');
      return v ? constValue(v) : undefined;
    }
    case 'unary_expression': {
      const arg = node.childForFieldName('argument');
      const v = arg ? constValue(arg) : undefined;
      const op = node.childForFieldName('operator')?.type;
      return v === undefined ? undefined : op === '-' ? -v : op === '+' ? v : undefined;
    }
    case 'sizeof_expression': {
      const td = node.childForFieldName('type');
      if (!td) return undefined;
      const t = declaredType(td.childForFieldName('type'), td.childForFieldName('declarator'));
      return t.depth > 0 ? 8 : t.size;
    }
    case 'binary_expression': {
      const l = node.childForFieldName('left');
      const r = node.childForFieldName('right');
      const a = l ? constValue(l) : undefined;
      const b = r ? constValue(r) : undefined;
      if (a === undefined || b === undefined) return undefined;
      switch (node.childForFieldName('operator')?.type) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '<<':
          return b >= 0 && b < 31 ? a * 2 ** b : undefined;
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}
