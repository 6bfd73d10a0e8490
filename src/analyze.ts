// Analysis of one directory's files on the current thread: parse, group by package
// clause, build each package, run the rules. Used in-process and by scan workers.
// Trees are deleted as soon as the directory is done.
//
// Bad input never stops the scan: each file gets at most one notification, and
//   - a file without a package clause, or whose syntax nests deeper than MAX_SYNTAX_DEPTH,
//     is skipped;
//   - a file with syntax errors is analysed, but findings that touch (primary, related or
//     flow location) a top-level declaration containing an error are dropped: the
//     analysis cannot trust what it saw there;
//   - invalid UTF-8 (decoded as U+FFFD by the reader) is noted and the text analysed.
import type { Node } from 'web-tree-sitter';
import type { Diagnostic, Notification, Position } from './diagnostic.js';
import { runRules } from './engine.js';
import { buildPackage, cgoInfo, fileImports } from './package.js';
import type { Package, SourceFile } from './package.js';
import { getParser } from './parser.js';
import { bodyRelevance, includedRanges } from './relevance.js';
import type { BodyRelevance } from './relevance.js';
import type { Rule } from './rule.js';
import { T, field, namedChildrenNoComments, rememberText } from './syntax.js';
import { isStdDir } from './unsafe/analysis.js';

export interface LoadedText {
  path: string;
  text: string;
  /** 0-based line of the first byte sequence that was not valid UTF-8 (decoded as U+FFFD). */
  invalidUtf8Line?: number;
}

export interface DirectoryResult {
  diagnostics: Diagnostic[];
  notifications: Notification[];
  files: number;
  packages: number;
}

/**
 * The deepest syntax tree analysed. Shared analyses and rules recurse over the tree (the
 * statement walker of src/concurrency/walker.ts, type expressions in src/types.ts, ...);
 * measured on Node 20's default main-thread stack they overflow between 2,000 and 4,000
 * levels, so this bound keeps every recursion of the pipeline well inside the stack.
 */
export const MAX_SYNTAX_DEPTH = 1000;

/** Byte ranges of one file's top-level declarations that contain syntax errors. */
type Untrusted = Map<string, Array<[number, number]>>;

export interface AnalyzeOptions {
  /**
   * Leave out of the parse the function bodies that cannot matter to any rule (see
   * src/relevance.ts); default true. The results are the same either way: false is for
   * tests that prove it.
   */
  skipBodies?: boolean;
  /**
   * What `prepareDirectory` decided for these texts and rules, when the caller ran it
   * already (the scan does, on its main thread, before handing the directory to a worker)
   * and found something to parse: a directory it gave a result for is not passed here.
   */
  relevance?: Map<string, BodyRelevance>;
}

/**
 * The step before the parse, on the text alone: which function bodies of the directory
 * the rules can need (src/relevance.ts), and the directory's result when nothing is left
 * to parse. It is its own step so that the scan can take it on its main thread, which
 * otherwise waits on the workers: a directory with nothing to parse never goes to one.
 */
export function prepareDirectory(dir: string, texts: readonly LoadedText[], rules: readonly Rule[], options: AnalyzeOptions = {}): { relevance: Map<string, BodyRelevance>; unparsed: DirectoryResult | null } {
  const relevance = options.skipBodies === false ? new Map<string, BodyRelevance>() : relevanceFor(dir, texts, rules);
  return { relevance, unparsed: nothingToParse(texts, relevance, rules) };
}

/** Files of one directory: parse, group by package clause, analyse each package. */
export async function analyzeDirectory(dir: string, texts: LoadedText[], rules: readonly Rule[], goVersion: string | null, options: AnalyzeOptions = {}): Promise<DirectoryResult> {
  const result: DirectoryResult = { diagnostics: [], notifications: [], files: 0, packages: 0 };
  const parser = await getParser('go');
  let relevance = options.relevance;
  if (!relevance) {
    const prepared = prepareDirectory(dir, texts, rules, options);
    if (prepared.unparsed) return prepared.unparsed;
    relevance = prepared.relevance;
  }
  const groups = new Map<string, SourceFile[]>();
  const allFiles: SourceFile[] = [];
  const untrusted: Untrusted = new Map();
  try {
    for (const loaded of texts) {
      const { path: p, text } = loaded;
      // One notification per file: its problems joined, positioned at the first.
      const problems: Array<{ message: string; position?: Position }> = [];
      if (loaded.invalidUtf8Line !== undefined) {
        problems.push({ message: INVALID_UTF8, position: { line: loaded.invalidUtf8Line, column: 0 } });
      }
      const note = (kind: Notification['kind'], last?: { message: string; position?: Position }) => {
        if (last) problems.push(last);
        if (problems.length === 0) return;
        const position = problems.find((x) => x.position)?.position;
        result.notifications.push({ kind, file: p, message: problems.map((x) => x.message).join('; '), ...(position ? { position } : {}) });
      };
      const rel = relevance.get(p);
      const spans = rel && rel.skip.length > 0 ? rel.skip : undefined;
      let tree = spans ? parser.parse(text, null, { includedRanges: includedRanges(text, spans) }) : parser.parse(text);
      let left = spans ?? [];
      if (spans && tree && !bodiesLeftEmpty(tree.rootNode, spans)) {
        // A syntax error, or declarations other than the lexer saw: parse it all, as without skipping.
        tree.delete();
        tree = parser.parse(text);
        left = [];
      }
      if (!tree) {
        note('parse-error', { message: 'cannot parse file; file skipped' });
        continue;
      }
      rememberText(tree, text);
      const root = tree.rootNode;
      if (deeperThan(root, MAX_SYNTAX_DEPTH)) {
        tree.delete();
        note('skipped', { message: `syntax nested more than ${MAX_SYNTAX_DEPTH} levels deep; file skipped` });
        continue;
      }
      const clause = namedChildrenNoComments(root).find((c) => c.type === T.packageClause);
      const nameNode = clause ? namedChildrenNoComments(clause)[0] : undefined;
      if (!clause || !nameNode || nameNode.hasError || nameNode.isMissing) {
        tree.delete();
        note('parse-error', { message: 'not a Go source file: no package clause; file skipped' });
        continue;
      }
      if (root.hasError && !tolerableErrors(root, text)) {
        const at = firstError(root);
        const bad = namedChildrenNoComments(root).filter((c) => c.type === T.error || c.hasError || c.isMissing);
        untrusted.set(p, bad.map((c) => [c.startIndex, c.endIndex]));
        problems.push({
          message: `syntax error${at ? ` at ${at.row + 1}:${at.column + 1}` : ''}; findings in declarations with errors are not reported`,
          ...(at ? { position: { line: at.row, column: at.column } } : {}),
        });
      }
      note('parse-error');
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
        ...(rel ? { bodies: { all: rel.bodies, map: rel.mapBodies, skipped: left } } : {}),
      };
      allFiles.push(sf);
      let g = groups.get(sf.packageName);
      if (!g) groups.set(sf.packageName, (g = []));
      g.push(sf);
    }
    if (allFiles.some((f) => f.cgo)) await getParser('c');
    for (const name of [...groups.keys()].sort()) {
      const files = groups.get(name)!;
      // Every file lexed, and no function the engine may walk names a map (none has the
      // identifier `map`, say): the map-typed rules cannot fire.
      const unjudged = files.every((f) => relevance.get(f.path)?.judgesMaps === false);
      const active = unjudged ? rules.filter((r) => !r.needsMapType) : rules;
      files.forEach((f, i) => (f.index = i));
      const pkg: Package = buildPackage(dir, name, files, goVersion);
      const r = runRules(pkg, active);
      result.diagnostics.push(...(untrusted.size > 0 ? r.diagnostics.filter((d) => trusted(d, untrusted)) : r.diagnostics));
      result.notifications.push(...r.notifications);
      result.files += files.length;
      result.packages++;
    }
  } finally {
    for (const f of allFiles) f.tree.delete();
  }
  return result;
}

/** Which bodies of the directory the rules of the run read (Rule.bodies, needsMapType, readsBodiesIn). */
function relevanceFor(dir: string, texts: readonly LoadedText[], rules: readonly Rule[]): Map<string, BodyRelevance> {
  // The engine's walk is parsed for the rules that read it (or do not say which bodies they
  // read), unless they need a map type and the package has none.
  const walks = (mapless: boolean) => rules.some((r) => (r.bodies === undefined || r.bodies === 'walk') && !(mapless && r.needsMapType));
  return bodyRelevance(texts, walks, {
    mapAccessesOnly: rules.every((r) => r.bodies === 'maps' || r.bodies === 'none' || r.needsMapType),
    readsMapBodies: rules.some((r) => r.bodies === undefined || (r.bodies === 'maps' && (!r.readsBodiesIn || texts.some((t) => r.readsBodiesIn!(t.text))))),
    // The engine does not model the runtime's own synchronisation (src/concurrency/program.ts).
    noWalk: isStdDir(dir, 'runtime'),
  });
}

/**
 * The result of a directory that need not be parsed at all, or null: every file was lexed
 * and starts with a package clause, no function body with something in it stays in the
 * parse, and every rule of the run can find nothing outside function bodies
 * (`Rule.outsideBodies`: nowhere, or only in directories with text that matches). Such a
 * directory is counted like one no rule's text trigger matched (src/scan.ts): its files
 * and packages, and what reading found (invalid UTF-8); a syntax error in it is not seen.
 */
function nothingToParse(texts: readonly LoadedText[], relevance: ReadonlyMap<string, BodyRelevance>, rules: readonly Rule[]): DirectoryResult | null {
  if (texts.length === 0) return null;
  const names = new Set<string>();
  for (const t of texts) {
    const rel = relevance.get(t.path);
    if (!rel || rel.keepsBody || rel.packageName === null) return null;
    names.add(rel.packageName);
  }
  for (const r of rules) {
    const outside = r.outsideBodies;
    if (outside === undefined) return null;
    if (outside !== 'nowhere' && texts.some((t) => outside.test(t.text))) return null;
  }
  return { diagnostics: [], notifications: readingNotes(texts), files: texts.length, packages: names.size };
}

/** What reading found in files that are not parsed (invalid UTF-8), as the parse would note it. */
export function readingNotes(texts: readonly LoadedText[]): Notification[] {
  const out: Notification[] = [];
  for (const t of texts) {
    if (t.invalidUtf8Line !== undefined) out.push({ kind: 'parse-error', file: t.path, message: INVALID_UTF8, position: { line: t.invalidUtf8Line, column: 0 } });
  }
  return out;
}

const INVALID_UTF8 = 'invalid UTF-8 (read as U+FFFD)';

/**
 * The tree parsed with `spans` left out has no error, and each span lies inside the body
 * block of a function or method declaration that ends right after it, inside the
 * braces of a composite literal of a package-level variable declaration, or inside the
 * quotes of a string literal.
 */
function bodiesLeftEmpty(root: Node, spans: ReadonlyArray<[number, number]>): boolean {
  if (root.hasError) return false;
  for (const [s, e] of spans) {
    const open = root.descendantForIndex(s - 1, s);
    const braces = open?.parent;
    if (!open || !braces || braces.startIndex !== s - 1 || braces.endIndex !== e + 1) return false;
    if ((braces.type === T.stringLiteral && open.type === '"') || (braces.type === T.rawStringLiteral && open.type === '`')) continue;
    if (open.type !== T.lbrace) return false;
    if (braces.type === T.block) {
      const decl = braces.parent;
      if (!decl || (decl.type !== T.funcDecl && decl.type !== T.methodDecl)) return false;
    } else if (braces.type === T.literalValue && braces.parent?.type === T.compositeLit) {
      let top: Node = braces;
      while (top.parent && top.parent.type !== T.sourceFile) top = top.parent;
      if (top.type !== T.varDecl) return false;
    } else {
      return false;
    }
  }
  return true;
}

/** No location of the diagnostic lies in a declaration containing a syntax error. */
function trusted(d: Diagnostic, untrusted: Untrusted): boolean {
  for (const loc of [d.location, ...d.related, ...(d.flow ?? [])]) {
    const bad = untrusted.get(loc.file);
    if (bad?.some(([s, e]) => loc.range.startIndex < e && loc.range.endIndex > s)) return false;
    if (bad && loc.range.startIndex === loc.range.endIndex && bad.some(([s, e]) => loc.range.startIndex >= s && loc.range.startIndex <= e)) return false;
  }
  return true;
}

/**
 * Whether the tree is more than `max` levels deep, without visiting every node from
 * JavaScript (each step crosses into wasm): a node spanning n UTF-16 units has fewer than
 * n + SLACK levels below it (every level but a few single-child wrappers adds a token),
 * so subtrees too small to reach the bound are stepped over. The walk is iterative.
 */
export function deeperThan(root: Node, max: number): boolean {
  const SLACK = 64;
  const cursor = root.walk();
  try {
    let depth = 0;
    for (;;) {
      if (depth > max) return true;
      const small = cursor.endIndex - cursor.startIndex + SLACK < max - depth;
      if (!small && cursor.gotoFirstChild()) { depth++; continue; }
      while (!cursor.gotoNextSibling()) {
        if (depth === 0 || !cursor.gotoParent()) return false;
        depth--;
      }
      if (depth === 0) return false;
    }
  } finally {
    cursor.delete();
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
  if (!/\b(?:func|var|const)\s+(?:\([^)\n]{0,256}\)\s*)?(?:new|make)\b|\b(?:new|make)\s*:?=/.test(text)) return false;
  for (const top of namedChildrenNoComments(root)) {
    if (top.type === T.error) return false;
    if (top.type === T.funcDecl && field(top, 'name')?.text === undefined) return false;
  }
  return true;
}
