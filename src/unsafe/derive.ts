// Which expressions are derived from a map's memory: the address of a map
// variable (`unsafe.Pointer(&m)`), a typed view of it (`(*T)(unsafe.Pointer(&m))`),
// and the map header the variable points to (`*(*unsafe.Pointer)(unsafe.Pointer(&m))`,
// `reflect.ValueOf(m).Pointer()` / `.UnsafePointer()`) plus constant offsets into
// it (`unsafe.Add(h, 9)`, `uintptr(h) + 9`). Local variables of one function are
// followed in source order: a use sees the last assignment that ends before it.
import type { Node } from 'web-tree-sitter';
import type { Decl } from '../package.js';
import {
  T, assignmentOperator, enclosingFunction, field, listItems, namedChildrenNoComments, operatorOf, unparen,
} from '../syntax.js';
import type { GoType, TypeOracle } from '../types.js';

/** The address of a map variable: `&m`, `unsafe.Pointer(&m)`. */
export interface MapAddr { kind: 'addr'; map: string; origin: Node }
/** That address converted to a pointer type other than `*map[K]V`. */
export interface MapAddrView { kind: 'view'; map: string; origin: Node; conversion: Node; derefIsHeader: boolean }
/** `reflect.ValueOf(m)` of a map-typed m. */
export interface MapReflectValue { kind: 'rvalue'; map: string; origin: Node }
/** The map header (plus `offset` bytes): what the map value points to. */
export interface MapHeader {
  kind: 'header';
  map: string;
  /** The `&m` or `reflect.ValueOf(m)` it came from. */
  origin: Node;
  via: 'unsafe' | 'reflect';
  offset: number;
  /** The arithmetic that produced the offset, and the step before it in a chain. */
  step: Node | null;
  prev: Node | null;
}

export type Derived = MapAddr | MapAddrView | MapReflectValue | MapHeader;

interface Assignment { stmt: Node; left: Node[]; right: Node[] }

/** A pointer conversion `(*T)(x)`: the target type, as written and as typed. */
export interface Conversion { call: Node; arg: Node; targetText: string; target: GoType & { kind: 'pointer' } }

const collapse = (s: string) => s.replace(/\s+/g, ' ');

/** An expression written in a file that imports one of these paths can hold a finding. */
export class MapDerivation {
  private readonly memo = new Map<string, Derived | undefined>();
  private readonly active = new Set<string>();
  private readonly assignmentsByFunction = new Map<string, Map<string, Assignment[]>>();

  constructor(private readonly oracle: TypeOracle) {}

  /** What `expr` evaluates to, if it is derived from a map's memory. */
  eval(expr: Node): Derived | undefined {
    const key = this.oracle.resolver.key(expr);
    if (this.memo.has(key)) return this.memo.get(key);
    if (this.active.has(key)) return undefined;
    this.active.add(key);
    let v: Derived | undefined;
    try {
      v = this.compute(expr);
    } finally {
      this.active.delete(key);
    }
    this.memo.set(key, v);
    return v;
  }

  /** `pkg.Name` where pkg is an import of `path`. */
  isImported(node: Node, path: string, name?: string): boolean {
    const n = unparen(node);
    if (n.type !== T.selectorExpr) return false;
    const op = field(n, 'operand');
    const f = field(n, 'field');
    if (!op || op.type !== T.identifier || !f || (name !== undefined && f.text !== name)) return false;
    const d = this.oracle.resolver.resolve(op);
    return d?.kind === 'import' && d.importSpec?.path === path;
  }

  /** `(*T)(x)` or a type_conversion_expression to a pointer type, or null. */
  conversion(node: Node): Conversion | null {
    let typeNode: Node | null;
    let arg: Node | undefined;
    if (node.type === T.typeConversion) {
      typeNode = field(node, 'type');
      arg = field(node, 'operand') ?? undefined;
    } else if (node.type === T.callExpr) {
      const fn = field(node, 'function');
      if (!fn || fn.type !== T.parenExpr) return null;
      typeNode = unparen(fn);
      if (typeNode.type !== T.unaryExpr || operatorOf(typeNode) !== '*' || !this.denotesPointerType(typeNode)) return null;
      const args = field(node, 'arguments');
      const items = args ? namedChildrenNoComments(args) : [];
      if (items.length !== 1) return null;
      arg = items[0];
    } else return null;
    if (!typeNode || !arg) return null;
    const target = this.oracle.typeFromNode(typeNode);
    if (target.kind !== 'pointer') return null;
    return { call: node, arg, targetText: collapse(unparen(typeNode).text), target };
  }

  /** `*T`, `**T` where T is a type name, `pkg.T` or a type literal. */
  private denotesPointerType(n: Node): boolean {
    let base = n;
    while (base.type === T.unaryExpr && operatorOf(base) === '*') {
      const inner = field(base, 'operand');
      if (!inner) return false;
      base = unparen(inner);
    }
    if (base.type === T.identifier || base.type === T.typeIdentifier) {
      const d = this.oracle.resolver.resolve(base);
      return d?.kind === 'type';
    }
    if (base.type === T.selectorExpr) {
      const op = field(base, 'operand');
      return op?.type === T.identifier && this.oracle.resolver.resolve(op)?.kind === 'import';
    }
    return false;
  }

  private compute(e: Node): Derived | undefined {
    switch (e.type) {
      case T.parenExpr: {
        const inner = namedChildrenNoComments(e)[0];
        return inner ? this.eval(inner) : undefined;
      }
      case T.unaryExpr: {
        const operand = field(e, 'operand');
        if (!operand) return undefined;
        const op = operatorOf(e);
        if (op === '&') {
          return this.oracle.isMap(operand) ? { kind: 'addr', map: collapse(unparen(operand).text), origin: e } : undefined;
        }
        if (op === '*') {
          const v = this.eval(operand);
          if (v?.kind === 'view' && v.derefIsHeader) {
            return { kind: 'header', map: v.map, origin: v.origin, via: 'unsafe', offset: 0, step: null, prev: null };
          }
        }
        return undefined;
      }
      case T.typeConversion:
        return this.converted(e);
      case T.callExpr:
        return this.call(e);
      case T.binaryExpr: {
        const op = operatorOf(e);
        if (op !== '+' && op !== '-') return undefined;
        const left = field(e, 'left');
        const right = field(e, 'right');
        if (!left || !right) return undefined;
        const l = this.eval(left);
        if (l?.kind === 'header') {
          const k = this.constInt(right);
          return k === undefined ? undefined : advance(l, op === '+' ? k : -k, e);
        }
        const r = op === '+' ? this.eval(right) : undefined;
        if (r?.kind === 'header' && !l) {
          const k = this.constInt(left);
          return k === undefined ? undefined : advance(r, k, e);
        }
        return undefined;
      }
      case T.identifier:
        return this.local(e);
      default:
        return undefined;
    }
  }

  private call(e: Node): Derived | undefined {
    const fn = field(e, 'function');
    const argsNode = field(e, 'arguments');
    if (!fn || !argsNode) return undefined;
    const args = namedChildrenNoComments(argsNode);
    const f = unparen(fn);
    if (fn.type === T.parenExpr) return this.converted(e);
    if (this.isImported(f, 'unsafe', 'Pointer') && args.length === 1) {
      const v = this.eval(args[0]!);
      return v?.kind === 'addr' || v?.kind === 'header' ? v : undefined;
    }
    if (this.isImported(f, 'unsafe', 'Add') && args.length === 2) {
      const v = this.eval(args[0]!);
      const k = this.constInt(args[1]!);
      return v?.kind === 'header' && k !== undefined ? advance(v, k, e) : undefined;
    }
    if (this.isImported(f, 'reflect', 'ValueOf') && args.length === 1) {
      const a = args[0]!;
      return this.oracle.isMap(a) ? { kind: 'rvalue', map: collapse(unparen(a).text), origin: e } : undefined;
    }
    if (f.type === T.identifier && f.text === 'uintptr' && args.length === 1) {
      const d = this.oracle.resolver.resolve(f);
      if (d?.kind !== 'type' || d.node) return undefined;
      const v = this.eval(args[0]!);
      return v?.kind === 'addr' || v?.kind === 'header' ? v : undefined;
    }
    if (f.type === T.selectorExpr && args.length === 0) {
      const name = field(f, 'field')?.text;
      const recv = field(f, 'operand');
      if ((name === 'Pointer' || name === 'UnsafePointer') && recv) {
        const v = this.eval(recv);
        if (v?.kind === 'rvalue') return { kind: 'header', map: v.map, origin: v.origin, via: 'reflect', offset: 0, step: null, prev: null };
      }
    }
    return undefined;
  }

  private converted(e: Node): Derived | undefined {
    const c = this.conversion(e);
    if (!c) return undefined;
    const v = this.eval(c.arg);
    if (!v) return undefined;
    if (v.kind === 'addr') {
      // (*map[K]V)(unsafe.Pointer(&m)) converts back to the real type.
      if (this.oracle.isMapType(c.target.elem)) return undefined;
      return { kind: 'view', map: v.map, origin: v.origin, conversion: e, derefIsHeader: this.holdsAddress(c.target.elem) };
    }
    if (v.kind === 'header') return v;
    return undefined;
  }

  /** Whether a value of type t is an address: a pointer, unsafe.Pointer or uintptr. */
  private holdsAddress(t: GoType): boolean {
    if (t.kind === 'named' && t.pkgPath === 'unsafe' && t.name === 'Pointer') return true;
    const u = t.kind === 'named' && !t.pkgPath ? this.oracle.underlying(t) : t;
    return u.kind === 'pointer' || (u.kind === 'basic' && u.name === 'uintptr');
  }

  // -------------------------------------------------------------------------
  // Locals

  private local(ident: Node): Derived | undefined {
    const d = this.oracle.resolver.resolve(ident);
    if (!d || (d.kind !== 'var' && d.kind !== 'param') || !d.node || !d.file) return undefined;
    const fn = enclosingFunction(d.node);
    if (!fn) return undefined; // package-level variables are not followed
    let best: { start: number; value: () => Derived | undefined } | undefined;
    const consider = (start: number, end: number, value: () => Derived | undefined) => {
      if (end > ident.startIndex) return;
      if (!best || start > best.start) best = { start, value };
    };
    if (d.value && d.tupleIndex === undefined) {
      const value = d.value;
      consider(d.node.startIndex, value.endIndex, () => this.eval(value));
    }
    for (const { stmt, left, right } of this.assignmentsTo(fn, ident.text)) {
      left.forEach((l, i) => {
        if (l.type !== T.identifier || l.text !== ident.text || !sameDecl(this.oracle.resolver.resolve(l), d)) return;
        consider(stmt.startIndex, stmt.endIndex, () => this.assigned(stmt, l, right.length === left.length ? right[i] : undefined));
      });
    }
    return best?.value();
  }

  /** What `p += k` / `p -= k` leaves in p, when p held a map header. */
  compoundAssigned(stmt: Node): Derived | undefined {
    if (stmt.type !== T.assignment) return undefined;
    const left = listItems(field(stmt, 'left'));
    const right = listItems(field(stmt, 'right'));
    if (left.length !== 1 || right.length !== 1 || left[0]!.type !== T.identifier) return undefined;
    const op = assignmentOperator(stmt);
    return op === '+=' || op === '-=' ? this.assigned(stmt, left[0]!, right[0]) : undefined;
  }

  /** The value an assignment gives `lhs`: `p = x`, `p := x`, `p += 8`. */
  private assigned(stmt: Node, lhs: Node, rhs: Node | undefined): Derived | undefined {
    if (!rhs) return undefined;
    const op = stmt.type === T.assignment ? assignmentOperator(stmt) : ':=';
    if (op === '=' || op === ':=') return this.eval(rhs);
    if (op !== '+=' && op !== '-=') return undefined;
    const cur = this.eval(lhs);
    const k = this.constInt(rhs);
    return cur?.kind === 'header' && k !== undefined ? advance(cur, op === '+=' ? k : -k, stmt) : undefined;
  }

  /** Assignments and short variable declarations in a function (nested literals included) that name `name` on the left. */
  private assignmentsTo(fn: Node, name: string): Assignment[] {
    const fnKey = this.oracle.resolver.key(fn);
    let byName = this.assignmentsByFunction.get(fnKey);
    if (!byName) {
      byName = new Map();
      for (const stmt of fn.descendantsOfType([T.assignment, T.shortVarDecl])) {
        if (!stmt) continue;
        const a: Assignment = { stmt, left: listItems(field(stmt, 'left')), right: listItems(field(stmt, 'right')) };
        for (const l of a.left) {
          if (l.type !== T.identifier) continue;
          const list = byName.get(l.text);
          if (list) list.push(a);
          else byName.set(l.text, [a]);
        }
      }
      this.assignmentsByFunction.set(fnKey, byName);
    }
    return byName.get(name) ?? [];
  }

  // -------------------------------------------------------------------------
  // Constants

  /** The value of an integer constant expression: `9`, `2*8`, `unsafe.Sizeof(int(0)) + 2`, a const. */
  constInt(node: Node, depth = 0): number | undefined {
    if (depth > 10) return undefined;
    const n = unparen(node);
    switch (n.type) {
      case T.intLiteral: {
        const t = n.text.replace(/_/g, '').toLowerCase();
        const v = /^0[0-7]+$/.test(t) ? parseInt(t.slice(1), 8) : t.startsWith('0o') ? parseInt(t.slice(2), 8) : Number(t);
        return Number.isSafeInteger(v) ? v : undefined;
      }
      case T.binaryExpr: {
        const l = field(n, 'left');
        const r = field(n, 'right');
        const a = l ? this.constInt(l, depth + 1) : undefined;
        const b = r ? this.constInt(r, depth + 1) : undefined;
        if (a === undefined || b === undefined) return undefined;
        switch (operatorOf(n)) {
          case '+': return a + b;
          case '-': return a - b;
          case '*': return a * b;
          case '<<': return b >= 0 && b < 31 ? a * 2 ** b : undefined;
          default: return undefined;
        }
      }
      case T.identifier: {
        const d = this.oracle.resolver.resolve(n);
        if (d?.kind !== 'const' || !d.value || d.tupleIndex !== undefined) return undefined;
        return this.constInt(d.value, depth + 1);
      }
      case T.callExpr: {
        const fn = field(n, 'function');
        const args = field(n, 'arguments');
        const items = args ? namedChildrenNoComments(args) : [];
        if (fn && items.length === 1 && this.isImported(fn, 'unsafe', 'Sizeof')) return this.sizeOf(this.oracle.typeOf(items[0]!));
        // A conversion of a constant to an integer type: uintptr(8).
        if (fn?.type === T.identifier && items.length === 1 && this.oracle.resolver.resolve(fn)?.kind === 'type') {
          return this.constInt(items[0]!, depth + 1);
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** Size on 64-bit platforms of the basic and pointer types offsets are built from. */
  private sizeOf(t: GoType): number | undefined {
    const u = t.kind === 'named' && !t.pkgPath ? this.oracle.underlying(t) : t;
    if (u.kind === 'pointer' || u.kind === 'map' || u.kind === 'chan' || u.kind === 'func') return 8;
    if (u.kind === 'named' && u.pkgPath === 'unsafe' && u.name === 'Pointer') return 8;
    if (u.kind !== 'basic') return undefined;
    return BASIC_SIZES.get(u.name);
  }
}

const BASIC_SIZES: ReadonlyMap<string, number> = new Map([
  ['bool', 1], ['int8', 1], ['uint8', 1], ['byte', 1], ['int16', 2], ['uint16', 2], ['int32', 4], ['uint32', 4],
  ['rune', 4], ['float32', 4], ['int', 8], ['uint', 8], ['uintptr', 8], ['int64', 8], ['uint64', 8], ['float64', 8],
  ['complex64', 8], ['complex128', 16], ['string', 16],
]);

function advance(h: MapHeader, k: number, step: Node): MapHeader {
  return { ...h, offset: h.offset + k, step, prev: h.step };
}

function sameDecl(a: Decl | null, b: Decl): boolean {
  return !!a && !!a.node && !!b.node && a.file === b.file && a.node.startIndex === b.node.startIndex;
}
