// Name resolution with Go's block scoping, computed on demand: an identifier is
// resolved by walking up its ancestors and asking each scope-opening node what it
// declares before the identifier. Per-block tables are memoised, so resolving many
// names in one function costs one pass over each block on the way.
import type { Node, Tree } from 'web-tree-sitter';
import type { Decl, Package, SourceFile } from './package.js';
import { valueSpecDecls } from './package.js';
import { FUNCTION_TYPES, T, field, fields, hasDefineToken, listItems, namedChildrenNoComments, remembered } from './syntax.js';

export const BUILTIN_FUNCS: ReadonlySet<string> = new Set([
  'append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min',
  'new', 'panic', 'print', 'println', 'real', 'recover',
]);
export const BUILTIN_TYPES: ReadonlySet<string> = new Set([
  'any', 'bool', 'byte', 'comparable', 'complex64', 'complex128', 'error', 'float32', 'float64', 'int', 'int8',
  'int16', 'int32', 'int64', 'rune', 'string', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr',
]);
const BUILTIN_CONSTS: ReadonlySet<string> = new Set(['true', 'false', 'iota', 'nil']);

interface BlockEntry { name: string; decl: Decl; index: number }

export class Resolver {
  private readonly blockTables = new Map<string, BlockEntry[]>();
  private readonly resolved = new Map<Tree, Map<number, Decl | null>>();
  private readonly builtins = new Map<string, Decl>();

  /**
   * Parents, remembered: tree-sitter keeps no parent pointers, so each `node.parent` walks
   * down from the root again, and a lookup that climbs d levels would cost d² steps.
   */
  private readonly parents = new Map<Tree, Map<number, Node | null>>();

  /** Node types of the scopes a lookup climbs through, remembered (each `type` is a call into wasm). */
  private readonly types = new Map<Tree, Map<number, string>>();
  /** Parameters, results, receiver and type parameters of each function, by name. */
  private readonly signatures = new Map<Tree, Map<number, Map<string, Decl>>>();
  private readonly files = new Map<Tree, SourceFile>();

  constructor(readonly pkg: Package) {
    for (const f of pkg.files) this.files.set(f.tree, f);
  }

  parentOf(n: Node): Node | null {
    return remembered(this.parents, n, () => n.parent);
  }

  private typeOfNode(n: Node): string {
    return remembered(this.types, n, () => n.type);
  }

  /** File of a node (by its tree within the package's trees). */
  fileOf(node: Node): SourceFile {
    const f = this.files.get(node.tree);
    if (f) return f;
    throw new Error('node does not belong to this package');
  }

  key(node: Node): string {
    return `${this.fileOf(node).index}:${node.id}`;
  }

  /** The declaration an identifier (or type identifier) refers to, or null when unknown. */
  resolve(ident: Node): Decl | null {
    return remembered(this.resolved, ident, () => this.declarationAt(ident) ?? this.lookup(ident.text, ident));
  }

  /** When `ident` is itself a declaring occurrence, its declaration. */
  private declarationAt(ident: Node): Decl | null {
    const p = ident.parent;
    if (!p) return null;
    const file = this.fileOf(ident);
    const same = (d: Decl) => d.node !== null && d.node.startIndex === ident.startIndex;
    switch (p.type) {
      case T.varSpec:
      case T.constSpec: {
        const decl = p.parent?.type === T.varSpecList ? p.parent.parent : p.parent;
        if (!decl) return null;
        return valueSpecDecls(decl, file, decl.type === T.constDecl ? 'const' : 'var').find(same) ?? null;
      }
      case T.typeSpec:
      case T.typeAlias:
        if (field(p, 'name')?.id !== ident.id) return null;
        return { kind: 'type', name: ident.text, node: ident, file, declNode: p, typeNode: field(p, 'type') };
      case T.parameterDecl:
      case T.variadicParameterDecl: {
        const fn = p.parent?.parent;
        if (!fn || !fields(p, 'name').some((n) => n.id === ident.id)) return null;
        return this.signature(fn, file).get(ident.text) ?? null;
      }
      case T.expressionList: {
        const stmt = p.parent;
        if (!stmt || field(stmt, 'left')?.id !== p.id) return null;
        if (stmt.type === T.shortVarDecl) {
          if (stmt.parent?.type === T.statementList) {
            // `a, err := ...` redeclares err when the same block already declared it.
            const prior = this.lookup(ident.text, stmt);
            if (prior?.node && statementListOf(prior.node)?.id === stmt.parent.id) return prior;
          }
          return shortVarDecls(stmt, file).find(same) ?? null;
        }
        if (stmt.type === T.rangeClause && hasDefineToken(stmt)) {
          const right = field(stmt, 'right');
          const idx = listItems(p).findIndex((n) => n.id === ident.id);
          return right ? { kind: 'range', name: ident.text, node: ident, file, range: { expr: right, key: idx === 0 } } : null;
        }
        if (stmt.type === T.receiveStatement && hasDefineToken(stmt)) {
          const right = field(stmt, 'right');
          const idx = listItems(p).findIndex((n) => n.id === ident.id);
          return { kind: 'var', name: ident.text, node: ident, file, value: right, tupleIndex: idx };
        }
        return null;
      }
      default:
        return null;
    }
  }

  /** Look `name` up as seen from `at`. */
  lookup(name: string, at: Node): Decl | null {
    if (name === '_' || name === '') return null;
    const file = this.fileOf(at);
    let child: Node = at;
    for (let a = this.parentOf(at); a; child = a, a = this.parentOf(a)) {
      const d = this.declaredIn(a, child, name, file);
      if (d) return d;
    }
    const pkgDecl = this.pkg.scope.get(name);
    if (pkgDecl) return pkgDecl;
    const imp = file.importsByName.get(name);
    if (imp) return { kind: 'import', name, node: null, file, importSpec: imp };
    return this.builtin(name);
  }

  /** End offset of the statement of `list` that holds `node`. */
  private statementEnd(node: Node, list: Node): number {
    let n: Node = node;
    for (let p = this.parentOf(n); p && p.id !== list.id; p = this.parentOf(n)) n = p;
    return n.endIndex;
  }

  private builtin(name: string): Decl | null {
    if (!BUILTIN_FUNCS.has(name) && !BUILTIN_TYPES.has(name) && !BUILTIN_CONSTS.has(name)) return null;
    let d = this.builtins.get(name);
    if (!d) {
      d = { kind: BUILTIN_TYPES.has(name) ? 'type' : 'builtin', name, node: null, file: null };
      this.builtins.set(name, d);
    }
    return d;
  }

  /** What scope-opening node `a` declares under `name`, visible from its child `child`. */
  private declaredIn(a: Node, child: Node, name: string, file: SourceFile): Decl | null {
    switch (this.typeOfNode(a)) {
      case T.statementList:
        return this.fromStatements(a, child, name, file);
      case T.funcDecl:
      case T.methodDecl:
      case T.funcLit:
        return this.signature(a, file).get(name) ?? null;
      case T.typeSpec:
      case T.typeAlias:
        return typeParamDecl(field(a, 'type_parameters'), name, file);
      case T.forStatement: {
        const body = field(a, 'body');
        for (const c of namedChildrenNoComments(a)) {
          if (c.type === T.rangeClause && body && child.id === body.id && hasDefineToken(c)) {
            const left = listItems(field(c, 'left'));
            const right = field(c, 'right');
            const idx = left.findIndex((n) => n.text === name);
            if (idx >= 0 && right && left[idx]) return { kind: 'range', name, node: left[idx]!, file, range: { expr: right, key: idx === 0 } };
          }
          if (c.type === T.forClause && child.id !== c.id) {
            const init = field(c, 'initializer');
            if (init) { const d = simpleStatementDecl(init, name, file); if (d) return d; }
          }
        }
        return null;
      }
      case T.forClause: {
        const init = field(a, 'initializer');
        if (init && child.id !== init.id) return simpleStatementDecl(init, name, file);
        return null;
      }
      case T.ifStatement:
      case T.exprSwitch:
      case T.typeSwitch: {
        const init = field(a, 'initializer');
        if (init && child.id !== init.id && child.startIndex >= init.endIndex) {
          const d = simpleStatementDecl(init, name, file);
          if (d) return d;
        }
        if (a.type === T.typeSwitch && (child.type === T.typeCase || child.type === T.defaultCase)) {
          const alias = listItems(field(a, 'alias'))[0];
          const value = field(a, 'value');
          if (alias && value && alias.text === name) {
            const types = child.type === T.typeCase ? fields(child, 'type') : [];
            return { kind: 'typeswitch', name, node: alias, file, typeSwitch: { expr: value, caseType: types.length === 1 ? types[0]! : null } };
          }
        }
        return null;
      }
      case T.commCase: {
        const comm = field(a, 'communication');
        if (comm && child.id !== comm.id && comm.type === T.receiveStatement && hasDefineToken(comm)) {
          const left = listItems(field(comm, 'left'));
          const right = field(comm, 'right');
          const idx = left.findIndex((n) => n.text === name);
          if (idx >= 0 && right) return { kind: 'var', name, node: left[idx]!, file, value: right, tupleIndex: idx };
        }
        return null;
      }
      default:
        return null;
    }
  }

  /** The names a function's signature declares (memoised: every lookup from inside the function passes it). */
  private signature(fn: Node, file: SourceFile): Map<string, Decl> {
    return remembered(this.signatures, fn, () => {
      const m = new Map<string, Decl>();
      for (const d of signatureDecls(fn, file)) if (!m.has(d.name)) m.set(d.name, d);
      return m;
    });
  }

  private fromStatements(list: Node, child: Node, name: string, file: SourceFile): Decl | null {
    const k = `${file.index}:${list.id}`;
    let table = this.blockTables.get(k);
    if (!table) {
      table = [];
      const stmts = namedChildrenNoComments(list);
      stmts.forEach((s, index) => {
        for (const decl of statementDecls(s, file)) table!.push({ name: decl.name, decl, index });
      });
      this.blockTables.set(k, table);
    }
    // The statement of `list` that contains the use.
    const useIndex = child.startIndex;
    let found: Decl | null = null;
    for (const e of table) {
      if (e.name !== name) continue;
      const declStmtEnd = e.decl.node ? this.statementEnd(e.decl.node, list) : -1;
      if (declStmtEnd <= useIndex || (e.decl.kind === 'type' || e.decl.kind === 'func') && e.decl.node && e.decl.node.startIndex <= useIndex) {
        if (!found) found = e.decl;
      }
    }
    return found;
  }
}

/** The statement_list whose statement declares `node`. */
function statementListOf(node: Node): Node | null {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === T.statementList) return n;
    if (FUNCTION_TYPES.has(n.type) || n.type === T.ifStatement || n.type === T.forStatement || n.type === T.exprSwitch || n.type === T.typeSwitch) return null;
  }
  return null;
}


/** Declarations a statement introduces into its enclosing block. */
export function statementDecls(stmt: Node, file: SourceFile): Decl[] {
  switch (stmt.type) {
    case T.shortVarDecl:
      return shortVarDecls(stmt, file);
    case T.varDecl:
      return valueSpecDecls(stmt, file, 'var');
    case T.constDecl:
      return valueSpecDecls(stmt, file, 'const');
    case T.typeDecl: {
      const out: Decl[] = [];
      for (const spec of namedChildrenNoComments(stmt)) {
        const n = field(spec, 'name');
        const t = field(spec, 'type');
        if (n && t) out.push({ kind: 'type', name: n.text, node: n, file, declNode: spec, typeNode: t });
      }
      return out;
    }
    case T.labeledStatement: {
      const inner = namedChildrenNoComments(stmt).find((c) => c.type !== 'label_name');
      return inner ? statementDecls(inner, file) : [];
    }
    default:
      return [];
  }
}

function shortVarDecls(stmt: Node, file: SourceFile): Decl[] {
  const left = listItems(field(stmt, 'left'));
  const right = listItems(field(stmt, 'right'));
  const out: Decl[] = [];
  left.forEach((n, i) => {
    if (n.type !== T.identifier || n.text === '_') return;
    const d: Decl = { kind: 'var', name: n.text, node: n, file };
    if (right.length === left.length) d.value = right[i] ?? null;
    else if (right.length === 1) { d.value = right[0] ?? null; d.tupleIndex = i; }
    out.push(d);
  });
  return out;
}

function simpleStatementDecl(stmt: Node, name: string, file: SourceFile): Decl | null {
  if (stmt.type !== T.shortVarDecl) return null;
  return shortVarDecls(stmt, file).find((d) => d.name === name) ?? null;
}

/** Every name a function's signature declares, in the order a lookup tries them (type parameters, receiver, parameters, results). */
function signatureDecls(fn: Node, file: SourceFile): Decl[] {
  const out: Decl[] = [];
  const tps = field(fn, 'type_parameters');
  if (tps) {
    for (const p of namedChildrenNoComments(tps)) {
      if (p.type !== T.typeParameterDecl) continue;
      for (const n of fields(p, 'name')) out.push({ kind: 'typeparam', name: n.text, node: n, file, declNode: field(p, 'type') });
    }
  }
  const lists: Array<[string, Decl['kind']]> = [['receiver', 'receiver'], ['parameters', 'param'], ['result', 'result']];
  for (const [f, kind] of lists) {
    const list = field(fn, f);
    if (!list || list.type !== T.parameterList) continue;
    for (const p of namedChildrenNoComments(list)) {
      if (p.type !== T.parameterDecl && p.type !== T.variadicParameterDecl) continue;
      for (const n of fields(p, 'name')) out.push({ kind, name: n.text, node: n, file, typeNode: field(p, 'type'), declNode: p });
    }
  }
  return out;
}

function typeParamDecl(list: Node | null, name: string, file: SourceFile): Decl | null {
  if (!list) return null;
  for (const p of namedChildrenNoComments(list)) {
    if (p.type !== T.typeParameterDecl) continue;
    for (const n of fields(p, 'name')) {
      if (n.text === name) return { kind: 'typeparam', name, node: n, file, declNode: field(p, 'type') };
    }
  }
  return null;
}
