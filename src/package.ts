// The package model: files grouped into a package, with its imports, package-level
// declarations, named types, functions and methods grouped by receiver type.
import type { Node, Tree } from 'web-tree-sitter';
import { T, field, fields, namedChildrenNoComments, remembered, stringValue, unparen } from './syntax.js';

export interface ImportSpec {
  /** Local name: the alias, the last path element, '.' for dot imports, '_' for blank ones. */
  local: string;
  path: string;
  node: Node;
}

export interface CgoInfo {
  /** The `import "C"` spec. */
  importNode: Node;
  /** The comment nodes that form the preamble (directly before `import "C"`), in order. */
  preamble: Node[];
}

export interface SourceFile {
  /** Absolute path. */
  path: string;
  text: string;
  tree: Tree;
  root: Node;
  packageName: string;
  isTest: boolean;
  imports: ImportSpec[];
  /** Imports by local name (dot and blank imports excluded). */
  importsByName: Map<string, ImportSpec>;
  cgo: CgoInfo | null;
  /** Index of this file within its package. */
  index: number;
  /**
   * From the text (src/relevance.ts): start offsets of the function bodies the lexer saw,
   * and of those that name a map (a body in `all` but not in `map` holds no expression of
   * map type), and the spans left out of the parse (body interiors: the tree has an empty
   * block there; interiors of package-level data literals: an empty literal). Absent when
   * the file was not lexed.
   */
  bodies?: { all: Set<number>; map: Set<number>; skipped: ReadonlyArray<[number, number]> };
}

export type DeclKind =
  | 'var' | 'const' | 'type' | 'func' | 'param' | 'result' | 'receiver'
  | 'typeparam' | 'range' | 'typeswitch' | 'import' | 'builtin';

/** A declared name. `node` is the identifier that declares it (null for builtins and imports). */
export interface Decl {
  kind: DeclKind;
  name: string;
  node: Node | null;
  file: SourceFile | null;
  /** Explicit type expression, if any (var x T, parameters, fields). */
  typeNode?: Node | null;
  /** Initializer expression, for var/const/:= declarations. */
  value?: Node | null;
  /** Position in a tuple assignment `a, b := f()` when the right side has one expression. */
  tupleIndex?: number;
  /** For range variables: the ranged expression and whether this is the key (else the value). */
  range?: { expr: Node; key: boolean };
  /** For type switch bindings: the switched expression and the case's single type, if any. */
  typeSwitch?: { expr: Node; caseType: Node | null };
  /** For funcs: the declaration node; for types: the type_spec; for type params: the constraint. */
  declNode?: Node | null;
  /** For imports. */
  importSpec?: ImportSpec;
}

export interface FuncInfo {
  name: string;
  node: Node;
  file: SourceFile;
  /** Base type name of the receiver, for methods. */
  receiverType: string | null;
  pointerReceiver: boolean;
}

export interface TypeInfo {
  name: string;
  spec: Node;
  typeNode: Node;
  file: SourceFile;
  alias: boolean;
}

export interface Package {
  /** Absolute directory. */
  dir: string;
  name: string;
  files: SourceFile[];
  /** The `go` directive of the nearest go.mod, e.g. "1.23", or null when unknown. */
  goVersion: string | null;
  /** Package-level declarations by name (vars, consts, types, funcs; not methods). */
  scope: Map<string, Decl>;
  types: Map<string, TypeInfo>;
  funcs: Map<string, FuncInfo>;
  /** Methods by receiver base type name, then by method name. */
  methods: Map<string, Map<string, FuncInfo>>;
}

export function fileImports(root: Node): ImportSpec[] {
  const out: ImportSpec[] = [];
  for (const decl of namedChildrenNoComments(root)) {
    if (decl.type !== T.importDecl) continue;
    const specs: Node[] = [];
    for (const c of namedChildrenNoComments(decl)) {
      if (c.type === T.importSpec) specs.push(c);
      else if (c.type === T.importSpecList) specs.push(...namedChildrenNoComments(c).filter((s) => s.type === T.importSpec));
    }
    for (const spec of specs) {
      const p = field(spec, 'path');
      if (!p) continue;
      const importPath = stringValue(p);
      const nameNode = field(spec, 'name');
      let local: string;
      if (!nameNode) local = defaultImportName(importPath);
      else if (nameNode.type === 'dot') local = '.';
      else if (nameNode.type === 'blank_identifier' || nameNode.text === '_') local = '_';
      else local = nameNode.text;
      out.push({ local, path: importPath, node: spec });
    }
  }
  return out;
}

/** The name a package is imported under by default: its last path element, minus a /vN suffix. */
export function defaultImportName(importPath: string): string {
  const parts = importPath.split('/');
  let last = parts[parts.length - 1] ?? importPath;
  if (/^v[0-9]+$/.test(last) && parts.length > 1) last = parts[parts.length - 2] ?? last;
  if (last.startsWith('go-')) last = last.slice(3);
  // Cut at the first '.' or '-' (import paths hold no newlines). Not /[.-].*$/: on hostile
  // text with a newline that regex backtracks quadratically.
  const cut = last.search(/[.-]/);
  return cut >= 0 ? last.slice(0, cut) : last;
}

/** The comments right before `import "C"` (no blank line between them and the import). */
export function cgoInfo(imports: ImportSpec[], text: string): CgoInfo | null {
  const spec = imports.find((i) => i.path === 'C');
  if (!spec) return null;
  let decl: Node | null = spec.node;
  while (decl && decl.type !== T.importDecl) decl = decl.parent;
  const preamble: Node[] = [];
  if (decl) {
    let end = decl.startIndex;
    for (let prev = decl.previousSibling; prev && prev.type === T.comment; prev = prev.previousSibling) {
      const gap = text.slice(prev.endIndex, end);
      if ((gap.match(/\n/g) ?? []).length > 1) break;
      preamble.unshift(prev);
      end = prev.startIndex;
    }
  }
  return { importNode: spec.node, preamble };
}

/** Fill the package-level tables from the files. */
export function buildPackage(dir: string, name: string, files: SourceFile[], goVersion: string | null): Package {
  const pkg: Package = { dir, name, files, goVersion, scope: new Map(), types: new Map(), funcs: new Map(), methods: new Map() };
  for (const file of files) {
    for (const top of namedChildrenNoComments(file.root)) {
      switch (top.type) {
        case T.funcDecl: {
          const n = field(top, 'name');
          if (!n) break;
          const info: FuncInfo = { name: n.text, node: top, file, receiverType: null, pointerReceiver: false };
          if (n.text !== 'init' && n.text !== '_') {
            pkg.funcs.set(n.text, info);
            pkg.scope.set(n.text, { kind: 'func', name: n.text, node: n, file, declNode: top });
          }
          break;
        }
        case T.methodDecl: {
          const n = field(top, 'name');
          const recv = receiverBase(top);
          if (!n || !recv) break;
          const info: FuncInfo = { name: n.text, node: top, file, receiverType: recv.name, pointerReceiver: recv.pointer };
          let m = pkg.methods.get(recv.name);
          if (!m) pkg.methods.set(recv.name, (m = new Map()));
          m.set(n.text, info);
          break;
        }
        case T.typeDecl:
          for (const spec of namedChildrenNoComments(top)) addTypeSpec(pkg, file, spec);
          break;
        case T.varDecl:
        case T.constDecl:
          for (const d of valueSpecDecls(top, file, top.type === T.varDecl ? 'var' : 'const')) pkg.scope.set(d.name, d);
          break;
      }
    }
  }
  return pkg;
}

function addTypeSpec(pkg: Package, file: SourceFile, spec: Node): void {
  if (spec.type !== T.typeSpec && spec.type !== T.typeAlias) return;
  const n = field(spec, 'name');
  const t = field(spec, 'type');
  if (!n || !t) return;
  pkg.types.set(n.text, { name: n.text, spec, typeNode: t, file, alias: spec.type === T.typeAlias });
  pkg.scope.set(n.text, { kind: 'type', name: n.text, node: n, file, declNode: spec, typeNode: t });
}

/** Declarations of a var_declaration / const_declaration (top-level or local). */
export function valueSpecDecls(decl: Node, file: SourceFile, kind: 'var' | 'const'): Decl[] {
  const out: Decl[] = [];
  const specs: Node[] = [];
  for (const c of namedChildrenNoComments(decl)) {
    const type = c.type;
    if (type === T.varSpec || type === T.constSpec) specs.push(c);
    else if (type === T.varSpecList) specs.push(...namedChildrenNoComments(c).filter((s) => s.type === T.varSpec));
  }
  for (const spec of specs) {
    const names = fields(spec, 'name');
    const typeNode = field(spec, 'type');
    const valueList = field(spec, 'value');
    const values = valueList ? namedChildrenNoComments(valueList) : [];
    names.forEach((n, i) => {
      const name = n.text;
      if (name === '_') return;
      const d: Decl = { kind, name, node: n, file, typeNode };
      if (values.length === names.length) d.value = values[i] ?? null;
      else if (values.length === 1) { d.value = values[0] ?? null; d.tupleIndex = i; }
      out.push(d);
    });
  }
  return out;
}

/** Receiver base type name of a method declaration: `(s *Server)` -> Server. */
export function receiverBase(method: Node): ReceiverBase | null {
  return remembered(receiverMemo, method, () => computeReceiverBase(method));
}

type ReceiverBase = { name: string; pointer: boolean; param: Node | null };

/** Per tree, each method's receiver, worked out once (several analyses ask for it). */
const receiverMemo = new WeakMap<Tree, Map<number, ReceiverBase | null>>();

function computeReceiverBase(method: Node): ReceiverBase | null {
  const list = field(method, 'receiver');
  if (!list) return null;
  const param = namedChildrenNoComments(list).find((c) => c.type === T.parameterDecl) ?? null;
  let t = param ? field(param, 'type') : null;
  if (!t) return null;
  t = unparen(t);
  let pointer = false;
  if (t.type === T.pointerType) {
    pointer = true;
    const inner = namedChildrenNoComments(t)[0];
    if (!inner) return null;
    t = unparen(inner);
  }
  if (t.type === T.genericType) t = field(t, 'type') ?? t;
  if (t.type !== T.typeIdentifier) return null;
  return { name: t.text, pointer, param };
}
