// Strategy 3: switch the map to sync.Map, offered as a suggestion only (it loses static
// types, and whether its access pattern suits the map is a judgement), and only when
// every reference to the map in the package converts: `m[k] = v` (Store),
// `delete(m, k)` (Delete), `v, ok := m[k]` (Load with a type assertion) and
// `for k, v := range m { ... }` (Range, when the body does not leave the loop).
// `len`, plain index reads, composite literals or the map passed anywhere prevent it.
import type { Node } from 'web-tree-sitter';
import type { Finding } from '../concurrency/conflicts.js';
import { baseField } from '../concurrency/guards.js';
import type { Fix, TextEdit } from '../diagnostic.js';
import { T, descendantsOf, field, listItems, unparen } from '../syntax.js';
import type { FixContext } from './context.js';
import { mentions, stmtFacts } from './stmts.js';
import { eol, importEdit, indentAt, realignEdits, trailingComments } from './text.js';

export function switchToSyncMap(fc: FixContext, f: Finding): Fix | null {
  const loc = f.access.loc;
  const oracle = fc.prog.oracle;
  let declType: Node | null = null;
  let init: Node | null = null;
  const refs: Node[] = [];
  const bf = baseField(loc);
  if (bf && loc === `field:${bf.type}.${bf.field}`) {
    const info = oracle.pkg.types.get(bf.type);
    const list = info?.typeNode.namedChildren.find((c) => c?.type === T.fieldDeclList);
    const decl = list?.namedChildren.find((d) => d?.type === T.fieldDecl && d.childrenForFieldName('name').length === 1 && d.childrenForFieldName('name')[0]?.text === bf.field);
    declType = decl ? field(decl, 'type') : null;
    for (const file of oracle.pkg.files) {
      for (const sel of descendantsOf(file.root, [T.selectorExpr])) if (field(sel, 'field')?.text === bf.field && fc.prog.ids.loc(sel) === loc) refs.push(sel);
      // A keyed element `field: ...` in a literal of the struct initialises it: not convertible here.
      for (const k of descendantsOf(file.root, [T.keyedElement])) if (k.namedChildren[0]?.text === bf.field) return null;
    }
  } else if (/^var:\w+$/.test(loc)) {
    const d = oracle.pkg.scope.get(loc.slice(4));
    if (!d?.node || d.kind !== 'var') return null;
    const spec = d.node.parent;
    if (spec?.type !== T.varSpec || listItems(field(spec, 'value')).length > 1) return null;
    declType = field(spec, 'type');
    init = field(spec, 'value');
    const v = init ? unparen(listItems(init)[0]!) : null;
    const empty = !v || (v.type === T.compositeLit && (field(v, 'body')?.namedChildCount ?? 0) === 0) || (v.type === T.callExpr && field(v, 'function')?.text === 'make');
    if (!empty) return null;
    if (!declType && v) declType = v.type === T.compositeLit ? field(v, 'type') : field(v, 'arguments')?.namedChildren[0] ?? null;
    for (const file of oracle.pkg.files) for (const id of descendantsOf(file.root, [T.identifier])) {
      if (id.text === d.name && id.id !== d.node.id && oracle.resolver.resolve(id)?.node?.id === d.node.id) refs.push(id);
    }
  } else return null;
  if (!declType || declType.type !== T.mapType || refs.length === 0) return null;
  const K = field(declType, 'key')?.text;
  const V = field(declType, 'value')?.text;
  if (!K || !V) return null;
  const file0 = fc.fileOf(declType);
  const edits: TextEdit[] = [];
  const imp = importEdit(file0, 'sync');
  if (imp === 'conflict') return null;
  if (imp) edits.push(imp);
  if (init) {
    // `var m = map[K]V{}` -> `var m sync.Map`
    const spec = init.parent!;
    const name = field(spec, 'name')!;
    edits.push({ file: file0.path, startIndex: name.endIndex, endIndex: spec.endIndex, newText: ' sync.Map' });
  } else edits.push({ file: file0.path, startIndex: declType.startIndex, endIndex: declType.endIndex, newText: 'sync.Map' });
  for (const r of refs) {
    const e = convert(fc, r, K, V);
    if (!e) return null;
    edits.push(...e);
  }
  // Code on commented lines changed width: re-align the trailing comments as gofmt would.
  for (const file of oracle.pkg.files) {
    if (!edits.some((e) => e.file === file.path)) continue;
    edits.push(...realignEdits(file.path, file.text, trailingComments(file.text, descendantsOf(file.root, [T.comment])), edits));
  }
  return { title: `Switch ${f.access.name.replace(/^.*\./, '')} to a sync.Map`, safe: false, edits };
}

function convert(fc: FixContext, ref: Node, K: string, V: string): TextEdit[] | null {
  const file = fc.fileOf(ref);
  const text = file.text;
  const nl = eol(text);
  const rep = (n: Node, s: string): TextEdit => ({ file: file.path, startIndex: n.startIndex, endIndex: n.endIndex, newText: s });
  const m = ref.text;
  const p = ref.parent;
  if (!p) return null;
  // delete(m, k)
  if (p.type === T.argumentList && p.parent?.type === T.callExpr && field(p.parent, 'function')?.text === 'delete' && p.parent.parent?.type === T.exprStatement) {
    const k = p.namedChildren[1];
    return k ? [rep(p.parent, `${m}.Delete(${k.text})`)] : null;
  }
  if (p.type === T.indexExpr && field(p, 'operand')?.id === ref.id) {
    const k = field(p, 'index')!.text;
    const list = p.parent;
    const stmt = list?.parent;
    if (list?.type !== T.expressionList || !stmt) return null;
    // m[k] = v
    if (stmt.type === T.assignment && field(stmt, 'left')?.id === list.id && list.namedChildCount === 1 && stmt.text.includes('=') && !/[-+*/%&|^]=|<<=|>>=/.test(stmt.text.slice(list.endIndex - stmt.startIndex, field(stmt, 'right')!.startIndex - stmt.startIndex))) {
      return [rep(stmt, `${m}.Store(${k}, ${field(stmt, 'right')!.text})`)];
    }
    // v, ok := m[k]
    if (stmt.type === T.shortVarDecl && field(stmt, 'right')?.id === list.id && list.namedChildCount === 1) {
      const left = listItems(field(stmt, 'left'));
      if (left.length !== 2) return null;
      const v = left[0]!.text;
      const ind = indentAt(text, stmt.startIndex);
      if (v === '_') return [rep(stmt, `_, ${left[1]!.text} := ${m}.Load(${k})`)];
      const tmp = `${v}Value`;
      return [rep(stmt, `${tmp}, ${left[1]!.text} := ${m}.Load(${k})${nl}${ind}${v}, _ := ${tmp}.(${V})`)];
    }
    return null;
  }
  // for k, v := range m { ... }
  if (p.type === T.rangeClause && field(p, 'right')?.id === ref.id) {
    const loop = p.parent!;
    const body = field(loop, 'body');
    const left = listItems(field(p, 'left'));
    if (!body || left.length === 0 || stmtFacts([body]).leaves || /\b(break|continue)\b/.test(body.text)) return null;
    const names = left.map((n) => n.text);
    const [k, v] = [names[0]!, names[1] ?? '_'];
    if (mentions(body.text, ['key', 'value'])) return null;
    const used = (n: string) => n !== '_' && mentions(body.text, [n]);
    const binds = [used(k) ? `${k} := key.(${K})` : '', used(v) ? `${v} := value.(${V})` : ''].filter(Boolean);
    const ind = indentAt(text, loop.startIndex);
    const open = body.startIndex + 1;
    return [
      { file: file.path, startIndex: loop.startIndex, endIndex: body.startIndex, newText: `${m}.Range(func(${used(k) ? 'key' : '_'}, ${used(v) ? 'value' : '_'} any) bool ` },
      { file: file.path, startIndex: open, endIndex: open, newText: binds.map((b) => `${nl}${ind}\t${b}`).join('') },
      { file: file.path, startIndex: body.endIndex - 1, endIndex: body.endIndex, newText: `\treturn true${nl}${ind}})` },
    ];
  }
  return null;
}
