// A small structural type model, enough to know which expressions are maps.
// Unknown means "not known to be a map": rules stay silent on it.
import type { Node } from 'web-tree-sitter';
import type { Decl, Package, TypeInfo } from './package.js';
import { BUILTIN_TYPES, Resolver } from './scope.js';
import { T, TYPE_NODE_TYPES, field, fields, namedChildrenNoComments, operatorOf, unparen } from './syntax.js';

export interface Field { name: string; type: GoType; embedded: boolean; node: Node | null }

export type GoType =
  | { kind: 'map'; key: GoType; elem: GoType }
  | { kind: 'named'; name: string; pkgPath: string | null; info: TypeInfo | null; args: GoType[] }
  | { kind: 'pointer'; elem: GoType }
  | { kind: 'slice'; elem: GoType }
  | { kind: 'array'; elem: GoType }
  | { kind: 'chan'; elem: GoType }
  | { kind: 'struct'; fields: Field[] }
  | { kind: 'func'; params: GoType[]; results: GoType[] }
  | { kind: 'basic'; name: string }
  | { kind: 'typeparam'; name: string; constraint: Node | null }
  | { kind: 'tuple'; types: GoType[] }
  | { kind: 'interface' }
  | { kind: 'unknown' };

export const UNKNOWN: GoType = { kind: 'unknown' };

export function typeString(t: GoType): string {
  switch (t.kind) {
    case 'map': return `map[${typeString(t.key)}]${typeString(t.elem)}`;
    case 'named': return t.pkgPath ? `${t.pkgPath}.${t.name}` : t.name;
    case 'pointer': return `*${typeString(t.elem)}`;
    case 'slice': return `[]${typeString(t.elem)}`;
    case 'array': return `[N]${typeString(t.elem)}`;
    case 'chan': return `chan ${typeString(t.elem)}`;
    case 'struct': return 'struct{...}';
    case 'func': return 'func(...)';
    case 'basic': return t.name;
    case 'typeparam': return t.name;
    case 'tuple': return `(${t.types.map(typeString).join(', ')})`;
    case 'interface': return 'interface{...}';
    case 'unknown': return '?';
  }
}

/** Map typing over one package; memoised per expression. */
/** Nested typeOf calls allowed (each is a handful of stack frames). */
const MAX_TYPE_OF_DEPTH = 200;

export class TypeOracle {
  private readonly exprTypes = new Map<string, GoType>();
  private readonly inProgress = new Set<string>();
  private readonly underlyingCache = new Map<string, GoType>();

  constructor(readonly pkg: Package, readonly resolver: Resolver) {}

  /** The type a type expression denotes. */
  typeFromNode(node: Node | null): GoType {
    if (!node) return UNKNOWN;
    const n = unparen(node);
    switch (n.type) {
      case T.mapType:
        return { kind: 'map', key: this.typeFromNode(field(n, 'key')), elem: this.typeFromNode(field(n, 'value')) };
      case T.pointerType:
        return { kind: 'pointer', elem: this.typeFromNode(namedChildrenNoComments(n)[0] ?? null) };
      case T.sliceType:
        return { kind: 'slice', elem: this.typeFromNode(field(n, 'element')) };
      case T.arrayType:
      case T.implicitLengthArrayType:
        return { kind: 'array', elem: this.typeFromNode(field(n, 'element')) };
      case T.channelType:
        return { kind: 'chan', elem: this.typeFromNode(field(n, 'value') ?? namedChildrenNoComments(n)[0] ?? null) };
      case T.structType:
        return { kind: 'struct', fields: this.structFields(n) };
      case T.interfaceType:
        return { kind: 'interface' };
      case T.functionType:
        return this.signature(n);
      case T.qualifiedType: {
        const pkgNode = field(n, 'package');
        const name = field(n, 'name');
        const file = this.resolver.fileOf(n);
        const imp = pkgNode ? file.importsByName.get(pkgNode.text) : undefined;
        return { kind: 'named', name: name?.text ?? '?', pkgPath: imp?.path ?? pkgNode?.text ?? null, info: null, args: [] };
      }
      case T.genericType: {
        const base = this.typeFromNode(field(n, 'type'));
        if (base.kind !== 'named') return base;
        const argsNode = field(n, 'type_arguments');
        const args = argsNode ? namedChildrenNoComments(argsNode).map((a) => this.typeFromNode(a.type === T.typeElem ? namedChildrenNoComments(a)[0] ?? null : a)) : [];
        return { ...base, args };
      }
      case T.typeElem:
        return this.typeFromNode(namedChildrenNoComments(n)[0] ?? null);
      case T.typeIdentifier:
      case T.identifier:
        return this.namedType(n);
      case T.selectorExpr: {
        // pkg.Type written where a type is expected (e.g. in conversions).
        const op = field(n, 'operand');
        const f = field(n, 'field');
        if (op && f && op.type === T.identifier) {
          const d = this.resolver.resolve(op);
          if (d?.kind === 'import') return { kind: 'named', name: f.text, pkgPath: d.importSpec?.path ?? null, info: null, args: [] };
        }
        return UNKNOWN;
      }
      case T.unaryExpr:
        // `*T` parsed as a dereference inside parentheses: (*T)(x)
        if (operatorOf(n) === '*') {
          const inner = field(n, 'operand');
          const t = inner ? this.typeFromNode(inner) : UNKNOWN;
          return t.kind === 'unknown' ? UNKNOWN : { kind: 'pointer', elem: t };
        }
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  private namedType(n: Node): GoType {
    const d = this.resolver.resolve(n);
    if (!d) return UNKNOWN;
    if (d.kind === 'typeparam') return { kind: 'typeparam', name: d.name, constraint: d.declNode ?? null };
    if (d.kind !== 'type') return UNKNOWN;
    if (!d.node && BUILTIN_TYPES.has(d.name)) {
      if (d.name === 'any') return { kind: 'interface' };
      return { kind: 'basic', name: d.name };
    }
    const info = d.file && d.declNode ? this.typeInfoFor(d) : null;
    return { kind: 'named', name: d.name, pkgPath: null, info, args: [] };
  }

  private typeInfoFor(d: Decl): TypeInfo | null {
    const pkgLevel = this.pkg.types.get(d.name);
    if (pkgLevel && pkgLevel.spec.id === d.declNode?.id && pkgLevel.file === d.file) return pkgLevel;
    if (!d.declNode || !d.typeNode || !d.file) return null;
    return { name: d.name, spec: d.declNode, typeNode: d.typeNode, file: d.file, alias: d.declNode.type === T.typeAlias };
  }

  private structFields(n: Node): Field[] {
    const out: Field[] = [];
    const list = namedChildrenNoComments(n).find((c) => c.type === T.fieldDeclList);
    if (!list) return out;
    for (const fd of namedChildrenNoComments(list)) {
      if (fd.type !== T.fieldDecl) continue;
      const typeNode = field(fd, 'type');
      const names = fields(fd, 'name');
      if (names.length === 0) {
        // Embedded field: its name is the type's base name.
        let base = typeNode ? unparen(typeNode) : null;
        const t = this.typeFromNode(typeNode);
        if (base?.type === T.pointerType) base = namedChildrenNoComments(base)[0] ?? null;
        if (base?.type === T.genericType) base = field(base, 'type');
        const name = base?.type === T.qualifiedType ? field(base, 'name')?.text : base?.text;
        if (name) out.push({ name, type: t, embedded: true, node: base });
      } else {
        const t = this.typeFromNode(typeNode);
        for (const nm of names) out.push({ name: nm.text, type: t, embedded: false, node: nm });
      }
    }
    return out;
  }

  private signature(fn: Node): GoType {
    const params: GoType[] = [];
    const results: GoType[] = [];
    const ps = field(fn, 'parameters');
    if (ps) for (const p of namedChildrenNoComments(ps)) {
      const t = this.typeFromNode(field(p, 'type'));
      const count = Math.max(1, fields(p, 'name').length);
      for (let i = 0; i < count; i++) params.push(p.type === T.variadicParameterDecl ? { kind: 'slice', elem: t } : t);
    }
    const r = field(fn, 'result');
    if (r) {
      if (r.type === T.parameterList) {
        for (const p of namedChildrenNoComments(r)) {
          const t = this.typeFromNode(field(p, 'type'));
          const count = Math.max(1, fields(p, 'name').length);
          for (let i = 0; i < count; i++) results.push(t);
        }
      } else results.push(this.typeFromNode(r));
    }
    return { kind: 'func', params, results };
  }

  /** The underlying type: named types are unfolded; a type parameter constrained by ~map[K]V yields that map. */
  underlying(t: GoType, depth = 0): GoType {
    if (depth > 20) return UNKNOWN;
    if (t.kind === 'named') {
      if (!t.info) return UNKNOWN;
      const k = `${t.info.file.index}:${t.info.spec.id}`;
      const cached = this.underlyingCache.get(k);
      if (cached) return cached;
      this.underlyingCache.set(k, UNKNOWN); // cycle guard
      const u = this.underlying(this.typeFromNode(t.info.typeNode), depth + 1);
      this.underlyingCache.set(k, u);
      return u;
    }
    if (t.kind === 'typeparam') return this.constraintCore(t.constraint, depth);
    return t;
  }

  /** Core type of a constraint when it is a single (~)map type. */
  private constraintCore(constraint: Node | null, depth: number): GoType {
    if (!constraint) return UNKNOWN;
    let c = constraint;
    if (c.type === T.typeConstraint) {
      const terms = namedChildrenNoComments(c);
      if (terms.length !== 1) return UNKNOWN;
      c = terms[0]!;
    }
    if (c.type === T.negatedType) c = namedChildrenNoComments(c)[0] ?? c;
    if (c.type === T.typeElem) c = namedChildrenNoComments(c)[0] ?? c;
    const t = this.typeFromNode(c);
    if (t.kind === 'interface') return UNKNOWN;
    const u = this.underlying(t, depth + 1);
    return u.kind === 'map' ? u : UNKNOWN;
  }

  isMapType(t: GoType): boolean {
    return this.underlying(t).kind === 'map';
  }

  /** Whether the expression is known to have a map type. */
  isMap(expr: Node): boolean {
    return this.isMapType(this.typeOf(expr));
  }

  /** The type of a value expression (memoised). */
  typeOf(expr: Node): GoType {
    const k = this.resolver.key(expr);
    const cached = this.exprTypes.get(k);
    if (cached) return cached;
    if (this.inProgress.has(k)) return UNKNOWN;
    // Depth bound: typeOf recurses through initializers (var v2 = v1; var v1 = v0; ...), a
    // chain as long as the file; past MAX_TYPE_OF_DEPTH the type is unknown (rules stay silent).
    if (this.inProgress.size >= MAX_TYPE_OF_DEPTH) return UNKNOWN;
    this.inProgress.add(k);
    let t: GoType;
    try {
      t = this.computeTypeOf(expr);
    } finally {
      this.inProgress.delete(k);
    }
    this.exprTypes.set(k, t);
    return t;
  }

  private computeTypeOf(e: Node): GoType {
    switch (e.type) {
      case T.parenExpr: {
        const inner = namedChildrenNoComments(e)[0];
        return inner ? this.typeOf(inner) : UNKNOWN;
      }
      case T.identifier: {
        const d = this.resolver.resolve(e);
        return d ? this.declType(d) : UNKNOWN;
      }
      case T.compositeLit:
        return this.typeFromNode(field(e, 'type'));
      case T.funcLit:
        return this.signature(e);
      case T.callExpr:
        return this.callType(e);
      case T.typeConversion:
        return this.typeFromNode(field(e, 'type'));
      case T.selectorExpr:
        return this.selectorType(e);
      case T.indexExpr: {
        const op = field(e, 'operand');
        if (!op) return UNKNOWN;
        let u = this.underlying(this.typeOf(op));
        if (u.kind === 'pointer') u = this.underlying(u.elem);
        if (u.kind === 'map' || u.kind === 'slice' || u.kind === 'array') return u.elem;
        if (u.kind === 'basic' && u.name === 'string') return { kind: 'basic', name: 'byte' };
        return UNKNOWN;
      }
      case T.sliceExpr: {
        const op = field(e, 'operand');
        return op ? this.typeOf(op) : UNKNOWN;
      }
      case T.typeAssertion:
        return this.typeFromNode(field(e, 'type'));
      case T.unaryExpr: {
        const op = operatorOf(e);
        const operand = field(e, 'operand');
        if (!operand) return UNKNOWN;
        if (op === '&') {
          const t = this.typeOf(operand);
          return t.kind === 'unknown' ? UNKNOWN : { kind: 'pointer', elem: t };
        }
        if (op === '*') {
          const u = this.underlying(this.typeOf(operand));
          return u.kind === 'pointer' ? u.elem : UNKNOWN;
        }
        if (op === '<-') {
          const u = this.underlying(this.typeOf(operand));
          return u.kind === 'chan' ? u.elem : UNKNOWN;
        }
        return this.typeOf(operand);
      }
      default:
        return UNKNOWN;
    }
  }

  /** Whether a node used in call position denotes a type (a conversion). */
  denotesType(fn: Node): boolean {
    const n = unparen(fn);
    if (TYPE_NODE_TYPES.has(n.type) && n.type !== T.typeIdentifier) return true;
    if (n.type === T.identifier || n.type === T.typeIdentifier) {
      const d = this.resolver.resolve(n);
      return d?.kind === 'type' || d?.kind === 'typeparam';
    }
    if (n.type === T.unaryExpr && operatorOf(n) === '*') {
      const inner = field(n, 'operand');
      return inner ? this.denotesType(inner) : false;
    }
    if (n.type === T.selectorExpr) {
      const op = field(n, 'operand');
      if (op?.type === T.identifier && this.resolver.resolve(op)?.kind === 'import') {
        // pkg.X(...) is a conversion when X is a type; only same-package knowledge is available,
        // so treat exported names of unsafe as known.
        const f = field(n, 'field')?.text;
        return f === 'Pointer' && this.resolver.resolve(op)?.importSpec?.path === 'unsafe';
      }
    }
    if (n.type === T.genericType) return true;
    return false;
  }

  private callType(call: Node): GoType {
    const fn = field(call, 'function');
    if (!fn) return UNKNOWN;
    const args = field(call, 'arguments');
    const argNodes = args ? namedChildrenNoComments(args) : [];
    const f = unparen(fn);
    if (f.type === T.identifier) {
      const d = this.resolver.resolve(f);
      if (d?.kind === 'builtin' && !d.node) {
        if (d.name === 'make') return this.typeFromNode(argNodes[0] ?? null);
        if (d.name === 'new') { const t = this.typeFromNode(argNodes[0] ?? null); return t.kind === 'unknown' ? UNKNOWN : { kind: 'pointer', elem: t }; }
        if (d.name === 'len' || d.name === 'cap' || d.name === 'copy') return { kind: 'basic', name: 'int' };
        if (d.name === 'append') return argNodes[0] ? this.typeOf(argNodes[0]) : UNKNOWN;
        return UNKNOWN;
      }
    }
    if (this.denotesType(f)) return this.typeFromNode(f);
    const ft = this.underlying(this.typeOf(f));
    if (ft.kind !== 'func') return UNKNOWN;
    if (ft.results.length === 1) return ft.results[0]!;
    if (ft.results.length === 0) return UNKNOWN;
    return { kind: 'tuple', types: ft.results };
  }

  private selectorType(e: Node): GoType {
    const op = field(e, 'operand');
    const f = field(e, 'field');
    if (!op || !f) return UNKNOWN;
    if (op.type === T.identifier) {
      const d = this.resolver.resolve(op);
      if (d?.kind === 'import') return UNKNOWN; // another package's value: not known here
    }
    const base = this.typeOf(op);
    const found = this.lookupFieldOrMethod(base, f.text);
    return found ?? UNKNOWN;
  }

  /** Field or method `name` of a value of type t (auto-dereferencing, through embedded fields). */
  lookupFieldOrMethod(t: GoType, name: string, depth = 0): GoType | null {
    if (depth > 5) return null;
    let base = t;
    if (base.kind === 'pointer') base = base.elem;
    if (base.kind === 'named' && base.info && !base.pkgPath) {
      const m = this.pkg.methods.get(base.info.name)?.get(name);
      if (m && base.info.file && this.pkg.types.get(base.info.name) === base.info) return this.signature(m.node);
    }
    const u = this.underlying(base);
    const s = u.kind === 'pointer' ? this.underlying(u.elem) : u;
    if (s.kind !== 'struct') return null;
    for (const fl of s.fields) if (fl.name === name) return fl.type;
    for (const fl of s.fields) {
      if (!fl.embedded) continue;
      const r = this.lookupFieldOrMethod(fl.type, name, depth + 1);
      if (r) return r;
    }
    return null;
  }

  /** The type a declaration gives its name. */
  declType(d: Decl): GoType {
    switch (d.kind) {
      case 'var':
      case 'const':
      case 'param':
      case 'result':
      case 'receiver': {
        if (d.typeNode) {
          const t = this.typeFromNode(d.typeNode);
          if (d.declNode?.type === T.variadicParameterDecl) return { kind: 'slice', elem: t };
          return t;
        }
        if (!d.value) return UNKNOWN;
        if (d.tupleIndex === undefined) return this.typeOf(d.value);
        return this.tupleElement(d.value, d.tupleIndex);
      }
      case 'range': {
        if (!d.range) return UNKNOWN;
        let u = this.underlying(this.typeOf(d.range.expr));
        if (u.kind === 'pointer') u = this.underlying(u.elem);
        if (u.kind === 'map') return d.range.key ? u.key : u.elem;
        if (u.kind === 'slice' || u.kind === 'array') return d.range.key ? { kind: 'basic', name: 'int' } : u.elem;
        if (u.kind === 'chan') return d.range.key ? u.elem : UNKNOWN;
        return UNKNOWN;
      }
      case 'typeswitch':
        if (d.typeSwitch?.caseType) return this.typeFromNode(d.typeSwitch.caseType);
        return UNKNOWN;
      case 'func':
        return d.declNode ? this.signature(d.declNode) : UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  /** Element i of a multi-value expression: f() results, v, ok := m[k], x.(T), <-ch. */
  private tupleElement(value: Node, i: number): GoType {
    const v = unparen(value);
    if (v.type === T.callExpr) {
      const t = this.typeOf(v);
      if (t.kind === 'tuple') return t.types[i] ?? UNKNOWN;
      return UNKNOWN;
    }
    if (v.type === T.indexExpr || v.type === T.typeAssertion || (v.type === T.unaryExpr && operatorOf(v) === '<-')) {
      return i === 0 ? this.typeOf(v) : { kind: 'basic', name: 'bool' };
    }
    return UNKNOWN;
  }
}
