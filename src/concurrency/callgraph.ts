// Call resolution inside the package: which same-package function (declaration,
// method or literal) a function-valued expression denotes, what a function returns
// (for getters), and which arguments `go f(x)` binds to f's parameters.
import type { Node } from 'web-tree-sitter';
import type { Decl, Package } from '../package.js';
import type { GoType, TypeOracle } from '../types.js';
import { T, descendantsInDecls, descendantsOf, enclosingFunction, field, fields, listItems, namedChildrenNoComments, unparen, within } from '../syntax.js';
import { callArgs } from './accesses.js';
import { paramIndex } from './params.js';

export class CallResolver {
  private readonly returns = new Map<number, Node | null>();
  private goArgs: Map<string, Node[][]> | null = null;
  private readonly assigned = new Map<string, Node | null>();

  constructor(private readonly pkg: Package, private readonly oracle: TypeOracle) {}

  key(fn: Node): string {
    return this.oracle.resolver.key(fn);
  }

  /**
   * The function a function-valued expression denotes, when it is in this package.
   * Names that no package function, method or function variable has are skipped
   * without resolving them (most calls go to other packages).
   */
  target(expr: Node, full = false, depth = 0): Node | null {
    const e = unparen(expr);
    if (depth > 8) return null;
    const type = e.type;
    if (type === T.funcLit) return e;
    if (type === T.identifier && !full) {
      const name = e.text;
      if (!this.pkg.funcs.has(name) && !this.names().vars.has(name)) return null;
    }
    if (type === T.selectorExpr && !this.names().methods.has(field(e, 'field')?.text ?? '')) return null;
    if (type === T.identifier) {
      const d = this.oracle.resolver.resolve(e);
      if (!d) return null;
      if (d.kind === 'func') return d.declNode ?? null;
      if (d.kind === 'var' && d.value && d.tupleIndex === undefined) {
        const v = unparen(d.value);
        if (v.type === T.funcLit) return v;
        if (v.type === T.selectorExpr || v.type === T.identifier) return v.id === e.id ? null : this.target(v, full, depth + 1);
      }
      if (d.kind === 'var' && !d.value && d.node) return this.assignedLiteral(d);
      return null;
    }
    if (type === T.selectorExpr) {
      const op = field(e, 'operand');
      const name = field(e, 'field')?.text;
      if (!op || !name) return null;
      if (op.type === T.identifier && this.oracle.resolver.resolve(op)?.kind === 'import') return null;
      return this.method(this.oracle.typeOf(op), name) ?? this.method(this.oracle.typeFromNode(op), name);
    }
    return null;
  }

  private nameSets: { vars: Set<string>; methods: Set<string> } | null = null;

  /**
   * Names of methods, and of variables assigned a function literal. (Variables holding
   * a function value, `f := s.run`, are resolved only at go and defer statements.)
   */
  private names(): { vars: Set<string>; methods: Set<string> } {
    if (this.nameSets) return this.nameSets;
    const methods = new Set<string>();
    for (const m of this.pkg.methods.values()) for (const name of m.keys()) methods.add(name);
    const vars = new Set<string>();
    for (const file of this.pkg.files) for (const lit of descendantsInDecls(file.root, file.text, [T.funcLit], /\bfunc\b/g)) addAssignedNames(lit, vars);
    this.nameSets = { vars, methods };
    return this.nameSets;
  }

  /** `var f func(...); f = func(...) {...}`: the literal assigned to a local function variable, when it is the only one. */
  private assignedLiteral(d: Decl): Node | null {
    const k = this.oracle.resolver.key(d.node!);
    if (this.assigned.has(k)) return this.assigned.get(k) ?? null;
    this.assigned.set(k, null);
    const fn = enclosingFunction(d.node!);
    const body = fn ? field(fn, 'body') : null;
    const found: Node[] = [];
    if (body) for (const a of descendantsOf(body, [T.assignment])) {
      const left = listItems(field(a, 'left'));
      const right = listItems(field(a, 'right'));
      if (left.length !== 1 || right.length !== 1 || left[0]!.text !== d.name) continue;
      const r = unparen(right[0]!);
      if (r.type !== T.funcLit) continue;
      const rd = this.oracle.resolver.resolve(left[0]!);
      if (rd?.node?.id === d.node!.id) found.push(r);
    }
    const lit = found.length === 1 ? found[0]! : null;
    this.assigned.set(k, lit);
    return lit;
  }

  /** Method `name` of a same-package type, looked up through embedded fields. */
  method(t: GoType, name: string, depth = 0): Node | null {
    if (depth > 4) return null;
    const base = t.kind === 'pointer' ? t.elem : t;
    if (base.kind !== 'named' || !base.info || base.pkgPath) return null;
    const m = this.pkg.methods.get(base.info.name)?.get(name);
    if (m) return m.node;
    const u = this.oracle.underlying(base);
    if (u.kind !== 'struct') return null;
    for (const f of u.fields) {
      if (!f.embedded) continue;
      const r = this.method(f.type, name, depth + 1);
      if (r) return r;
    }
    return null;
  }

  /** The expression every `return` of the called function yields, when it is one and the same kind. */
  returnedExpr(call: Node): Node | null {
    const fnExpr = field(call, 'function');
    const fn = fnExpr ? this.target(fnExpr) : null;
    if (!fn) return null;
    if (this.returns.has(fn.id)) return this.returns.get(fn.id) ?? null;
    this.returns.set(fn.id, null);
    const body = field(fn, 'body');
    let found: Node | null = null;
    if (body) {
      const lits = descendantsOf(body, [T.funcLit]);
      const rets = descendantsOf(body, [T.returnStatement]).filter((r) => !lits.some((l) => within(r, l)));
      const exprs = rets.map((r) => { const l = namedChildrenNoComments(r)[0]; return l ? listItems(l) : []; });
      const firsts = exprs.filter((x) => x.length >= 1).map((x) => unparen(x[0]!));
      const withText = firsts.filter((x) => x.text !== 'nil');
      if (withText.length > 0 && withText.every((x) => x.text === withText[0]!.text)) found = withText[0]!;
    }
    this.returns.set(fn.id, found);
    return found;
  }

  /**
   * The argument bound to a parameter at the `go` sites of its function: the one site's,
   * or, with several sites, their common argument when every site passes the same
   * variable (an identifier that resolves to one declaration).
   */
  paramArgument(d: Decl): Node | null {
    if (!d.node || !d.declNode) return null;
    const fn = d.declNode.parent?.parent;
    if (!fn) return null;
    const sites = this.goSites().get(this.key(fn));
    if (!sites || sites.length === 0) return null;
    const idx = d.kind === 'receiver' ? -1 : paramIndex(fn, d.node);
    if (d.kind !== 'receiver' && idx < 0) return null;
    const argAt = (site: Node[]) => (d.kind === 'receiver' ? site[0] : site[idx + 1]) ?? null;
    if (sites.length > 1) return this.sameVariable(sites.map(argAt));
    const arg = argAt(sites[0]!);
    if (d.kind === 'receiver') return arg;
    return arg && (unparen(arg).type === T.identifier || unparen(arg).type === T.selectorExpr) ? arg : null;
  }

  /**
   * The first of `args` when all are the same local variable or parameter (identifiers
   * resolving to one declaration), never assigned after its declaration in its function:
   * every site passes the same value.
   */
  private sameVariable(args: Array<Node | null>): Node | null {
    let decl: Node | null = null;
    for (const a of args) {
      const u = a ? unparen(a) : null;
      if (!u || u.type !== T.identifier) return null;
      const d = this.oracle.resolver.resolve(u);
      if (!d?.node || (d.kind !== 'var' && d.kind !== 'param')) return null;
      if (decl && (decl.id !== d.node.id || decl.tree !== d.node.tree)) return null;
      decl = d.node;
    }
    const fn = decl ? enclosingFunction(decl) : null;
    if (!decl || !fn) return null;
    for (const as of descendantsOf(fn, [T.assignment])) {
      for (const l of listItems(field(as, 'left'))) {
        const u = unparen(l);
        if (u.type !== T.identifier || u.text !== decl.text) continue;
        const d = this.oracle.resolver.resolve(u);
        if (!d?.node || (d.node.id === decl.id && d.node.tree === decl.tree)) return null;
      }
    }
    return args[0] ?? null;
  }

  /** `go f(args)` sites by target function: [receiver or null, ...args]. */
  private goSites(): Map<string, Node[][]> {
    if (this.goArgs) return this.goArgs;
    const out = new Map<string, Node[][]>();
    this.goArgs = out;
    for (const file of this.pkg.files) {
      for (const g of descendantsInDecls(file.root, file.text, [T.goStatement], /\bgo\b/g)) {
        const call = namedChildrenNoComments(g).find((c) => c.type === T.callExpr);
        const fnExpr = call ? field(call, 'function') : null;
        if (!call || !fnExpr) continue;
        const f = unparen(fnExpr);
        if (f.type === T.funcLit) continue;
        const target = this.target(f);
        if (!target) continue;
        const recv = f.type === T.selectorExpr ? field(f, 'operand') : null;
        const k = this.key(target);
        let list = out.get(k);
        if (!list) out.set(k, (list = []));
        list.push([recv as Node, ...callArgs(call)]);
      }
    }
    return out;
  }
}


/** Names a function literal is assigned to (`f := func...`, `f = func...`, `var f = func...`). */
function addAssignedNames(lit: Node, out: Set<string>): void {
  const p = lit.parent;
  if (p?.type !== T.expressionList) return;
  const stmt = p.parent;
  if (!stmt) return;
  if (stmt.type === T.shortVarDecl || stmt.type === T.assignment) for (const l of listItems(field(stmt, 'left'))) out.add(l.text);
  if (stmt.type === T.varSpec) for (const n of fields(stmt, 'name')) out.add(n.text);
}
