// Discovery: command-line arguments -> the .go files to scan, like the go tool reads them.
//
//   file.go    the file's whole directory is scanned (the package supplies types and locks),
//              but only the named files are reported (`reportOnly`)
//   dir        that directory's package only, not its subdirectories
//   dir/...    dir and every directory below it (`./...` for the current tree)
//
// Walks honour .gitignore files (from the enclosing git work tree down, nested ones
// included), skip `vendor`, `testdata` and directories whose name starts with `.` or `_`
// unless an argument names them, skip files whose name starts with `.` or `_`, and do not
// follow symlinked directories (a symlink named *.go is listed as a file; if it cannot be
// read, the scan reports a read error for it and goes on). A symlinked file found in a
// directory is read only if it resolves inside the directory tree being scanned: one that
// leads out of it is skipped with a notification, so a scan reads only under its arguments.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Notification } from './diagnostic.js';

export interface DiscoverOptions {
  cwd: string;
  /** Include `_test.go` files (false with --no-tests); files named explicitly are always included. */
  includeTests: boolean;
}

export interface DiscoverResult {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Set when a .go file was named as an argument: the files whose diagnostics are reported. */
  reportOnly?: Set<string>;
  /** One line per argument that could not be used ("x: no such file or directory"). */
  errors: string[];
  /** Files found but not scanned (symlinks that lead out of the scanned tree). */
  skipped: Notification[];
}

const RECURSIVE = '/...';

export async function discover(args: string[], opts: DiscoverOptions): Promise<DiscoverResult> {
  const files = new Set<string>();
  const reported = new Set<string>();
  const errors: string[] = [];
  const skipped: Notification[] = [];
  let namedFile = false;
  const ignores = new GitIgnores();

  for (const arg of args.length > 0 ? args : ['.']) {
    const recursive = arg === '...' || arg.endsWith(RECURSIVE);
    const pathArg = arg === '...' ? '.' : recursive ? arg.slice(0, -RECURSIVE.length) || '/' : arg;
    if (pathArg.includes('...')) {
      errors.push(`${arg}: unsupported pattern (use a directory, a file, or dir/...)`);
      continue;
    }
    const path = resolve(opts.cwd, pathArg);
    const info = await stat(path).catch(() => undefined);
    if (!info) {
      errors.push(`${arg}: no such file or directory`);
      continue;
    }
    if (info.isDirectory()) {
      const inside = new Tree(path, skipped);
      let found = recursive
        ? await walk(path, opts, ignores, inside)
        : await packageFiles(path, opts, await ignores.forDir(path), inside);
      // A directory that holds no package of its own (a repository or GOROOT/src root) is
      // walked as dir/...: nobody names such a directory to scan nothing.
      if (!recursive && found.length === 0) found = await walk(path, opts, ignores, inside);
      for (const f of found) {
        files.add(f);
        reported.add(f);
      }
    } else if (recursive) {
      errors.push(`${arg}: not a directory`);
    } else if (!isGoFileName(basename(path))) {
      errors.push(`${arg}: not a .go file or a directory`);
    } else {
      namedFile = true;
      files.add(path);
      reported.add(path);
      const inside = new Tree(dirname(path), skipped);
      for (const f of await packageFiles(dirname(path), opts, await ignores.forDir(dirname(path)), inside)) files.add(f);
    }
  }

  const result: DiscoverResult = { files: [...files].sort(compareStrings), errors, skipped: dedupe(skipped).filter((n) => !files.has(n.file)) };
  if (namedFile) result.reportOnly = reported;
  return result;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dedupe(ns: Notification[]): Notification[] {
  const seen = new Set<string>();
  return ns.filter((n) => !seen.has(n.file) && !!seen.add(n.file)).sort((a, b) => compareStrings(a.file, b.file));
}

/** The tree an argument names: symlinked files must resolve inside it to be read. */
class Tree {
  private real: Promise<string> | undefined;
  constructor(private readonly root: string, private readonly skipped: Notification[]) {}

  /** Whether the symlink `path` may be listed (broken links are, so that the scan reports them). */
  async admits(path: string): Promise<boolean> {
    const target = await realpath(path).catch(() => null);
    if (target === null) return true;
    this.real ??= realpath(this.root).catch(() => this.root);
    const rel = relative(await this.real, target);
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return true;
    this.skipped.push({ kind: 'skipped', file: path, message: `symlink to ${target}, outside the scanned tree: not followed` });
    return false;
  }
}

function isGoFileName(name: string): boolean {
  return name.endsWith('.go');
}

/** Files the go tool would ignore by name alone. */
function skippedFileName(name: string, opts: DiscoverOptions): boolean {
  return name.startsWith('.') || name.startsWith('_') || (!opts.includeTests && name.endsWith('_test.go'));
}

/** Directories a walk does not enter unless an argument names them. */
function skippedDirName(name: string): boolean {
  return name === 'vendor' || name === 'testdata' || name.startsWith('.') || name.startsWith('_');
}

async function listDir(dir: string): Promise<Dirent[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[]);
  return entries.sort((a, b) => compareStrings(a.name, b.name));
}

/** The .go files of one directory (its package), not descending. */
async function packageFiles(dir: string, opts: DiscoverOptions, scope: IgnoreScope, inside: Tree): Promise<string[]> {
  const out: string[] = [];
  for (const e of await listDir(dir)) {
    if (!(e.isFile() || e.isSymbolicLink()) || !isGoFileName(e.name) || skippedFileName(e.name, opts)) continue;
    const path = join(dir, e.name);
    if (scope.ignores(path, false)) continue;
    if (e.isSymbolicLink() && !(await inside.admits(path))) continue;
    out.push(path);
  }
  return out;
}

/** Depth-first, in sorted order, with an explicit stack (no recursion, however deep the tree). */
async function walk(root: string, opts: DiscoverOptions, ignores: GitIgnores, inside: Tree): Promise<string[]> {
  const out: string[] = [];
  const stack: Array<{ dir: string; scope: IgnoreScope }> = [{ dir: root, scope: await ignores.forDir(root) }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { dir, scope } = top;
    out.push(...(await packageFiles(dir, opts, scope, inside)));
    const subs: Array<{ dir: string; scope: IgnoreScope }> = [];
    for (const e of await listDir(dir)) {
      // Dirent.isDirectory() is false for symlinks: symlinked directories are not followed.
      if (!e.isDirectory() || skippedDirName(e.name)) continue;
      const sub = join(dir, e.name);
      if (scope.ignores(sub, true)) continue;
      subs.push({ dir: sub, scope: await ignores.extend(scope, sub) });
    }
    stack.push(...subs.reverse());
  }
  return out;
}

/** The .gitignore rules in force in one directory: those of every .gitignore from the
 * enclosing git work tree's root (or, outside git, the directory itself) down to it. */
class IgnoreScope {
  constructor(private readonly matchers: readonly { dir: string; ig: Ignore }[]) {}

  with(dir: string, ig: Ignore | undefined): IgnoreScope {
    return ig ? new IgnoreScope([...this.matchers, { dir, ig }]) : this;
  }

  /** True when `path` (a file, or a directory when isDir) is excluded; deeper files win, as in git. */
  ignores(path: string, isDir: boolean): boolean {
    let ignored = false;
    for (const m of this.matchers) {
      const rel = relative(m.dir, path).split(sep).join('/');
      if (rel === '' || rel.startsWith('..')) continue;
      const r = m.ig.test(isDir ? `${rel}/` : rel);
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    return ignored;
  }
}

/** Reads each .gitignore once. */
class GitIgnores {
  private readonly cache = new Map<string, Promise<Ignore | undefined>>();

  /** The scope of a directory named by an argument: its ancestors' .gitignore files apply. */
  async forDir(dir: string): Promise<IgnoreScope> {
    const top = await workTreeRoot(dir);
    const chain: string[] = [];
    for (let d = dir; ; d = dirname(d)) {
      chain.unshift(d);
      if (d === top || dirname(d) === d) break;
    }
    let scope = new IgnoreScope([]);
    for (const d of chain.slice(0, -1)) scope = await this.extend(scope, d);
    // A directory named explicitly is scanned even if ignored: then the rules that ignore
    // it (which would ignore everything below it too) do not apply inside it.
    if (scope.ignores(dir, true)) scope = new IgnoreScope([]);
    return this.extend(scope, dir);
  }

  /** The scope of `dir`, a subdirectory of the directory whose scope is `parent`. */
  async extend(parent: IgnoreScope, dir: string): Promise<IgnoreScope> {
    return parent.with(dir, await this.load(dir));
  }

  private load(dir: string): Promise<Ignore | undefined> {
    let p = this.cache.get(dir);
    if (!p) {
      p = readFile(join(dir, '.gitignore'), 'utf8').then(
        (text) => ignore().add(text),
        () => undefined,
      );
      this.cache.set(dir, p);
    }
    return p;
  }
}

/** The nearest ancestor holding `.git` (a directory, or a file in worktrees), else `dir`. */
async function workTreeRoot(dir: string): Promise<string> {
  for (let d = dir; ; d = dirname(d)) {
    if (await stat(join(d, '.git')).then(() => true, () => false)) return d;
    if (dirname(d) === d) return dir;
  }
}
