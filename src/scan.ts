// The pipeline for a set of files: read, parse, group into packages, run the
// rules, and return sorted diagnostics with the notifications for files that
// could not be used. Trees are deleted as soon as their package is done.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { Diagnostic, Notification } from './diagnostic.js';
import { compareDiagnostics } from './diagnostic.js';
import { runRules } from './engine.js';
import { goVersionFor } from './gomod.js';
import { buildPackage, cgoInfo, fileImports } from './package.js';
import type { Package, SourceFile } from './package.js';
import { getParser } from './parser.js';
import type { Rule } from './rule.js';
import { T, field, namedChildrenNoComments } from './syntax.js';

export interface ScanOptions {
  rules: readonly Rule[];
  /** Absolute file paths; when set, only diagnostics located in these files are returned. */
  reportOnly?: Set<string>;
  /** Absolute file path -> text that replaces the file's content on disk (an editor's unsaved buffer). */
  overlays?: ReadonlyMap<string, string>;
}

export interface ScanResult {
  diagnostics: Diagnostic[];
  notifications: Notification[];
  /** Files analysed. */
  files: number;
  packages: number;
}

interface LoadedText { path: string; text: string }

/** Scan absolute .go file paths. */
export async function scanFiles(files: string[], opts: ScanOptions): Promise<ScanResult> {
  const byDir = new Map<string, string[]>();
  for (const f of [...new Set(files)].sort()) {
    const dir = path.dirname(f);
    let list = byDir.get(dir);
    if (!list) byDir.set(dir, (list = []));
    list.push(f);
  }
  const result: ScanResult = { diagnostics: [], notifications: [], files: 0, packages: 0 };
  for (const [dir, paths] of [...byDir].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const texts: LoadedText[] = [];
    for (const p of paths) {
      const overlay = opts.overlays?.get(p);
      const loaded = overlay !== undefined ? { path: p, text: overlay } : await readSource(p, result.notifications);
      if (loaded && !isIgnoredBuild(loaded.text)) texts.push(loaded);
    }
    await scanDirectory(dir, texts, opts, result);
  }
  if (opts.reportOnly) {
    const only = opts.reportOnly;
    result.diagnostics = result.diagnostics.filter((d) => only.has(d.location.file));
  }
  result.diagnostics.sort(compareDiagnostics);
  result.notifications.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.message < b.message ? -1 : 1));
  return result;
}

async function readSource(p: string, notifications: Notification[]): Promise<LoadedText | null> {
  let buf: Buffer;
  try {
    buf = await readFile(p);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'is a directory' : code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    notifications.push({ kind: 'read-error', file: p, message: `cannot read file: ${why}` });
    return null;
  }
  let text = buf.toString('utf8');
  // A UTF-8 byte order mark becomes a space: same length in UTF-16, so offsets stay right.
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1);
  return { path: p, text };
}

/** `//go:build ignore` before the package clause. */
export function isIgnoredBuild(text: string): boolean {
  const head = text.slice(0, 4096);
  const m = /^\/\/go:build\s+(.+)$/m.exec(head);
  if (!m) return false;
  const pkgAt = head.search(/^package\s/m);
  if (pkgAt >= 0 && m.index > pkgAt) return false;
  return m[1]!.trim() === 'ignore';
}

/** Files of one directory: parse, group by package clause, analyse each package. */
async function scanDirectory(dir: string, texts: LoadedText[], opts: ScanOptions, result: ScanResult): Promise<void> {
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
    const goVersion = goVersionFor(dir);
    for (const name of [...groups.keys()].sort()) {
      const files = groups.get(name)!;
      files.forEach((f, i) => (f.index = i));
      const pkg: Package = buildPackage(dir, name, files, goVersion);
      const r = runRules(pkg, opts.rules);
      result.diagnostics.push(...r.diagnostics);
      result.notifications.push(...r.notifications);
      result.files += files.length;
      result.packages++;
    }
  } finally {
    for (const f of allFiles) f.tree.delete();
  }
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
