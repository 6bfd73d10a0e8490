// Analysis of one directory's files on the current thread: parse, group by package
// clause, build each package, run the rules. Used in-process and by scan workers.
// Trees are deleted as soon as the directory is done.
import type { Node } from 'web-tree-sitter';
import type { Diagnostic, Notification } from './diagnostic.js';
import { runRules } from './engine.js';
import { buildPackage, cgoInfo, fileImports } from './package.js';
import type { Package, SourceFile } from './package.js';
import { getParser } from './parser.js';
import type { Rule } from './rule.js';
import { T, field, namedChildrenNoComments } from './syntax.js';

export interface LoadedText { path: string; text: string }

export interface DirectoryResult {
  diagnostics: Diagnostic[];
  notifications: Notification[];
  files: number;
  packages: number;
}

/** Files of one directory: parse, group by package clause, analyse each package. */
export async function analyzeDirectory(dir: string, texts: LoadedText[], rules: readonly Rule[], goVersion: string | null): Promise<DirectoryResult> {
  const result: DirectoryResult = { diagnostics: [], notifications: [], files: 0, packages: 0 };
  const parser = await getParser('go');
  const groups = new Map<string, SourceFile[]>();
  const allFiles: SourceFile[] = [];
  try {
    for (const { path: p, text } of texts) {
      const tree = parser.parse(text);
      if (!tree) {
        result.notifications.push({ kind: 'parse-error', file: p, message: 'cannot parse file' });
        continue;
      }
      const root = tree.rootNode;
      const clause = namedChildrenNoComments(root).find((c) => c.type === T.packageClause);
      const nameNode = clause ? namedChildrenNoComments(clause)[0] : undefined;
      if (!clause || !nameNode) {
        tree.delete();
        result.notifications.push({ kind: 'parse-error', file: p, message: 'not a Go source file: no package clause' });
        continue;
      }
      if (root.hasError && !tolerableErrors(root, text)) {
        const at = firstError(root);
        tree.delete();
        result.notifications.push({
          kind: 'parse-error',
          file: p,
          message: `syntax error${at ? ` at ${at.row + 1}:${at.column + 1}` : ''}; file skipped`,
          ...(at ? { position: { line: at.row, column: at.column } } : {}),
        });
        continue;
      }
      const imports = fileImports(root);
      const sf: SourceFile = {
        path: p,
        text,
        tree,
        root,
        packageName: nameNode.text,
        isTest: p.endsWith('_test.go'),
        imports,
        importsByName: new Map(imports.filter((i) => i.local !== '.' && i.local !== '_').map((i) => [i.local, i])),
        cgo: cgoInfo(imports, text),
        index: 0,
      };
      allFiles.push(sf);
      let g = groups.get(sf.packageName);
      if (!g) groups.set(sf.packageName, (g = []));
      g.push(sf);
    }
    if (allFiles.some((f) => f.cgo)) await getParser('c');
    for (const name of [...groups.keys()].sort()) {
      const files = groups.get(name)!;
      files.forEach((f, i) => (f.index = i));
      const pkg: Package = buildPackage(dir, name, files, goVersion);
      const r = runRules(pkg, rules);
      result.diagnostics.push(...r.diagnostics);
      result.notifications.push(...r.notifications);
      result.files += files.length;
      result.packages++;
    }
  } finally {
    for (const f of allFiles) f.tree.delete();
  }
  return result;
}

function firstError(root: Node): { row: number; column: number } | null {
  const errs = root.descendantsOfType(T.error);
  const e = errs[0];
  if (e) return e.startPosition;
  // A MISSING node: find it by descent along children that contain errors.
  let n: Node | null = root;
  while (n) {
    if (n.isMissing) return n.startPosition;
    let next: Node | null = null;
    for (let i = 0; i < n.childCount; i++) {
      const c = n.child(i);
      if (c && (c.hasError || c.isMissing)) { next = c; break; }
    }
    n = next;
  }
  return null;
}

/**
 * tree-sitter-go treats `new` and `make` as special call forms, so valid Go that declares
 * its own `new` or `make` gets ERROR nodes. Such files are valid: analyse them anyway.
 */
function tolerableErrors(root: Node, text: string): boolean {
  if (!/\b(?:func|var|const)\s+(?:\([^)]*\)\s*)?(?:new|make)\b|\b(?:new|make)\s*:?=/.test(text)) return false;
  for (const top of namedChildrenNoComments(root)) {
    if (top.type === T.error) return false;
    if (top.type === T.funcDecl && field(top, 'name')?.text === undefined) return false;
  }
  return true;
}
