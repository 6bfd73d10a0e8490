// The pipeline for a set of files: group them into directories, read them, skip the
// packages no rule can fire on (a cheap text test before parsing), reuse cached
// results, analyse the rest on worker threads (or in-process for small runs), and
// return sorted diagnostics with the notifications for files that could not be used.
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { allRules } from '../rules/index.js';
import { analyzeDirectory, prepareDirectory, readingNotes } from './analyze.js';
import type { DirectoryResult, LoadedText } from './analyze.js';
import type { DirectoryRecord, ResultCache } from './cache.js';
import type { Diagnostic, Notification } from './diagnostic.js';
import { compareDiagnostics } from './diagnostic.js';
import { goVersionFor } from './gomod.js';
import { loadedParser } from './parser.js';
import { WorkerPool, workersAvailable } from './pool.js';
import type { BodyRelevance } from './relevance.js';
import type { Rule } from './rule.js';
import { loadAll, sourceRefs } from './sources.js';
import { parseDirectives, type Directive } from './suppress.js';

export interface ScanOptions {
  rules: readonly Rule[];
  /** Absolute file paths; when set, only diagnostics located in these files are returned. */
  reportOnly?: Set<string>;
  /** Absolute file path -> text that replaces the file's content on disk (an editor's unsaved buffer). */
  overlays?: ReadonlyMap<string, string>;
  /** Worker threads; default one per core. 1 analyses in-process. */
  jobs?: number;
  /** Result cache; none when absent. */
  cache?: ResultCache | null;
  /** Analyse only shard `index` (1-based) of `count`: a deterministic share of the directories. */
  shard?: { index: number; count: number };
  /** Skip packages on which no rule's `triggers` match (default true). */
  skipByTriggers?: boolean;
  /** Leave function bodies that cannot matter out of the parse (default true; see src/relevance.ts). */
  skipBodies?: boolean;
  /** Analyse in-process when the files to analyse total fewer UTF-16 units (default 2,000,000). */
  workerThreshold?: number;
  /** Files larger than this many bytes are skipped with a notification (default 5 MiB). */
  maxFileSize?: number;
  /**
   * The process makes this one scan and exits (the command line): a small run then compiles
   * the grammars without V8's optimising tier (see baselineWasmOnly). Long-lived processes
   * (the language server, scripts that scan many trees) leave it unset: the flag is
   * process-wide and would slow their later large scans.
   */
  shortLived?: boolean;
  /** Called after each directory with the running totals. */
  onProgress?: (p: ScanProgress) => void;
}

export interface ScanProgress { directoriesDone: number; directories: number; files: number; bytes: number }

export interface ScanResult {
  diagnostics: Diagnostic[];
  notifications: Notification[];
  /** Files analysed (including those of packages skipped because no rule could fire). */
  files: number;
  packages: number;
  /** The suppression directives of the scanned files that have any, by path (sorted). */
  directives: Map<string, Directive[]>;
}

/** Default for `maxFileSize`: wasm memory never shrinks, so peak memory follows the largest file parsed. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** Below this much work, starting workers costs more than it saves. */
const SMALL_RUN_BYTES = 2_000_000;

/** A Go file's size for the estimate of the work left before it is read (the standard library's average is 10.6 KB). */
const TYPICAL_FILE_BYTES = 10_000;

/** How much source (UTF-16 units) the scan reads ahead of the workers. */
const READ_AHEAD = 16_000_000;

/** Scan absolute .go file paths. */
export async function scanFiles(files: string[], opts: ScanOptions): Promise<ScanResult> {
  tuneCompiler();
  const byDir = new Map<string, string[]>();
  for (const f of [...new Set(files)].sort()) {
    const dir = path.dirname(f);
    let list = byDir.get(dir);
    if (!list) byDir.set(dir, (list = []));
    list.push(f);
  }
  let dirs = [...byDir.keys()].sort();
  if (opts.shard) {
    const { index, count } = opts.shard;
    dirs = dirs.filter((_, i) => i % count === index - 1);
  }
  const result: ScanResult = { diagnostics: [], notifications: [], files: 0, packages: 0, directives: new Map() };
  const add = (r: DirectoryResult, directives: Record<string, Directive[]>) => {
    result.diagnostics.push(...r.diagnostics);
    result.notifications.push(...r.notifications);
    result.files += r.files;
    result.packages += r.packages;
    for (const [file, ds] of Object.entries(directives)) result.directives.set(file, ds);
  };

  // Stat every directory's files (cheap); with a cache, read only the files of packages
  // whose result is not cached; then decide what needs analysis. Directories with the most
  // files come first, and once the analysis is big enough for workers they start and take
  // each package as soon as it is read: reading the rest overlaps the analysis, and the
  // big packages do not leave one worker busy at the end.
  interface Job { dir: string; texts: LoadedText[]; files: number; rules: readonly Rule[]; goVersion: string | null; key: string | null; record: DirectoryRecord | undefined; bytes: number; directives: Record<string, Directive[]>; relevance: Map<string, BodyRelevance> }
  const skipByTriggers = opts.skipByTriggers ?? true;
  const { cache } = opts;
  const order = [...dirs].sort((a, b) => byDir.get(b)!.length - byDir.get(a)!.length || (a < b ? -1 : 1));
  let done = 0;
  let doneFiles = 0;
  let doneBytes = 0;
  const progress = (files: number, bytes: number) => {
    done++;
    doneFiles += files;
    doneBytes += bytes;
    opts.onProgress?.({ directoriesDone: done, directories: order.length, files: doneFiles, bytes: doneBytes });
  };
  const finish = (job: Job, r: DirectoryResult) => {
    add(r, job.directives);
    if (job.key) job.record?.set(job.key, { result: r, directives: job.directives });
    job.record?.save();
    progress(job.files, job.bytes);
  };
  const registered = new Set(allRules);
  const requested = Math.max(1, opts.jobs ?? os.availableParallelism());
  const threshold = opts.workerThreshold ?? SMALL_RUN_BYTES;
  const canUseWorkers = requested > 1 && workersAvailable() && opts.rules.every((r) => registered.has(r));
  let pool: WorkerPool | null = null;
  // Files from each directory of the order to the end.
  const filesFrom = new Array<number>(order.length + 1).fill(0);
  for (let i = order.length - 1; i >= 0; i--) filesFrom[i] = filesFrom[i + 1]! + byDir.get(order[i]!)!.length;
  const running: Array<Promise<void>> = [];
  // Texts read ahead of the workers, in UTF-16 units: past READ_AHEAD the reading waits
  // for a package to finish, so the main thread does not hold the whole tree's text.
  let ahead = 0;
  let wake: (() => void) | null = null;
  const dispatch = (job: Job) => {
    const bytes = job.bytes;
    ahead += bytes;
    const texts = job.texts;
    job.texts = []; // the worker gets its own copy; this one can go once posted
    running.push(pool!.run({ dir: job.dir, texts, ruleIds: job.rules.map((r) => r.id), goVersion: job.goVersion, skipBodies: opts.skipBodies, relevance: job.relevance }).then(
      (r) => finish(job, r),
      (err: unknown) => {
        result.notifications.push({ kind: 'rule-error', file: job.dir, message: `analysis failed: ${err instanceof Error ? err.message : String(err)}` });
        job.record?.save(); // the file index, without a result
        progress(job.files, job.bytes);
      },
    ).finally(() => {
      ahead -= bytes;
      wake?.();
    }));
  };
  // Packages read but not analysed yet, until the work is big enough for workers.
  const pending: Job[] = [];
  let pendingBytes = 0;
  try {
    for (let at = 0; at < order.length; at++) {
      const dir = order[at]!;
      const record = cache?.directory(dir);
      const reading = { notifications: result.notifications, maxBytes: opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, overlays: opts.overlays, index: record };
      let refs = sourceRefs(byDir.get(dir)!, reading);
      if (refs.length === 0) { record?.save(); progress(0, 0); continue; }
      const goVersion = goVersionFor(dir);
      // The key covers every rule asked for: which of them apply follows from the contents.
      let key = cache ? cache.key(dir, refs, opts.rules, goVersion) : null;
      const hit = key && record ? record.get(key) : null;
      if (hit) { add(hit.result, hit.directives); record?.save(); progress(hit.result.files, 0); continue; }
      // The first directory to analyse, with enough files from here on for workers: they
      // start now and boot while this directory is read (waiting for two directories' worth
      // of text left the second core idle for the first second of a large scan).
      if (!pool && canUseWorkers && filesFrom[at]! * TYPICAL_FILE_BYTES >= threshold) pool = new WorkerPool(Math.min(requested, order.length - at));
      const unread = refs.some((r) => !r.loaded);
      if (unread) refs = loadAll(refs, reading);
      // A file read only now may have changed or gone since its stat.
      if (cache && unread) key = cache.key(dir, refs, opts.rules, goVersion);
      const directives: Record<string, Directive[]> = {};
      for (const { loaded } of refs) {
        const ds = parseDirectives(loaded!.text);
        if (ds.length > 0) directives[loaded!.path] = ds;
      }
      const texts = refs.map((r) => r.loaded!).filter((t) => !isIgnoredBuild(t.text));
      const rules = skipByTriggers ? opts.rules.filter((r) => !r.triggers || texts.some((t) => r.triggers!.test(t.text))) : opts.rules;
      // A directory done without a parse: its result recorded and cached as an analysed one's.
      const settle = (r: DirectoryResult) => {
        add(r, directives);
        if (key) record?.set(key, { result: r, directives });
        record?.save();
        progress(texts.length, 0);
      };
      if (texts.length === 0 || rules.length === 0) {
        // No rule can fire here: count the files, skip the parse.
        settle({ diagnostics: [], notifications: readingNotes(texts), files: texts.length, packages: new Set(texts.map((t) => /^package\s+(\w+)/m.exec(t.text)?.[1] ?? '')).size });
        continue;
      }
      // The text-only step before the parse, here on the main thread (which otherwise waits
      // on the workers): a directory with nothing left to parse is done without one.
      const prepared = prepareDirectory(dir, texts, rules, { skipBodies: opts.skipBodies });
      if (prepared.unparsed) {
        settle(prepared.unparsed);
        continue;
      }
      const job: Job = { dir, texts, files: texts.length, rules, goVersion, key, record, bytes: texts.reduce((n, t) => n + t.text.length, 0), directives, relevance: prepared.relevance };
      if (pool) {
        dispatch(job);
        while (ahead > READ_AHEAD) await new Promise<void>((resolve) => { wake = () => { wake = null; resolve(); }; });
        continue;
      }
      pending.push(job);
      pendingBytes += job.bytes;
      // The files were larger than TYPICAL_FILE_BYTES estimated: enough work for workers after all.
      if (canUseWorkers && pending.length > 1 && pendingBytes >= threshold) {
        pool = new WorkerPool(Math.min(requested, order.length));
        for (const j of pending.sort((a, b) => b.bytes - a.bytes || (a.dir < b.dir ? -1 : 1))) dispatch(j);
        pending.length = 0;
      }
    }
    if (pool) await Promise.all(running);
  } finally {
    await pool?.close();
  }
  if (pending.length > 0) {
    if (opts.shortLived && pendingBytes < SMALL_RUN_BYTES) baselineWasmOnly();
    for (const job of pending) finish(job, await analyzeDirectory(job.dir, job.texts, job.rules, job.goVersion, { skipBodies: opts.skipBodies, relevance: job.relevance }));
  }

  if (opts.reportOnly) {
    const only = opts.reportOnly;
    result.diagnostics = result.diagnostics.filter((d) => only.has(d.location.file));
  }
  result.diagnostics.sort(compareDiagnostics);
  result.notifications.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  result.directives = new Map([...result.directives].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return result;
}

/**
 * Less work for V8's optimising compiler, set once per process before any worker starts
 * (V8 flags are process-wide; workers cannot be given their own). The analysis is many
 * large functions whose optimised code is thrown away and rebuilt as new branches turn
 * hot; with the defaults that cost about 6 s of background compiler time in a 10 s scan of
 * the standard library (`--trace-opt`), and each worker pays it again, on the cores the
 * workers need. Two budgets are changed:
 * - inlining (920 bytes of bytecode per optimised function by default, 300 here): cheaper
 *   compilations. callgrind (all threads, in-process, the two settings side by side): 5-10%
 *   fewer instructions in each of four pairs (src/go, src/net); the standard library's CLI
 *   scan on 2 workers 12.4 -> 11.6 s wall (medians of 6 alternating runs);
 * - the interrupt budget (how much a function runs between tiering decisions, 16x the
 *   default): only what stays hot is optimised. At 4x (two workers, the scan API on the
 *   standard library's 3,459 non-test files) 859-910 optimised compilations became
 *   473-497 (medians 8.9 -> 8.0 s). 4x -> 16x, the whole standard library with tests,
 *   CPU per thread read from /proc (three alternating rounds each): two workers, V8's
 *   background threads 3.65-4.19 -> 2.51-2.65 s with the workers' own time unchanged,
 *   wall 7.99-8.83 -> 7.56-7.86 s; one thread 11.24-11.78 -> 11.16-11.66 s wall (32x made
 *   one thread slower: 11.51-12.40 s).
 * Nothing that changes results; if the engine refuses a flag, the defaults stay.
 */
let compilerTuned = false;
function tuneCompiler(): void {
  if (compilerTuned) return;
  compilerTuned = true;
  try {
    v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');
    v8.setFlagsFromString(`--interrupt-budget=${16 * 67584}`);
  } catch {
    // an engine that refuses: its defaults
  }
}

/**
 * Before the grammars are first compiled in this process, for a small run: V8's baseline
 * wasm compiler only (--liftoff-only), no optimising tier-up of the hot parser functions.
 * Measured on 2 cores: 5 files of cmd/compile/internal/base (12-file package) 311 -> 212 ms
 * wall including Node start, strings (160 KB) 426 -> 321 ms, net/http (1.7 MB) equal; a full
 * scan parses about 1.6x slower without tier-up, hence only under SMALL_RUN_BYTES. The flag
 * is process-wide and only read when wasm is compiled; if a grammar is loaded already, or
 * the flag cannot be set, nothing changes but speed.
 */
function baselineWasmOnly(): void {
  if (loadedParser('go') !== null || loadedParser('c') !== null) return;
  try {
    v8.setFlagsFromString('--liftoff-only');
  } catch {
    // an engine that refuses: the default compilers
  }
}

/** `//go:build ignore` (or, without a //go:build line, `// +build ignore`) before the package clause. */
export function isIgnoredBuild(text: string): boolean {
  const head = text.slice(0, 4096);
  const m = /^\/\/go:build[ \t]+(.+)$/m.exec(head) ?? /^\/\/ ?\+build[ \t]+(.+)$/m.exec(head);
  if (!m) return false;
  const pkgAt = head.search(/^package\s/m);
  if (pkgAt >= 0 && m.index > pkgAt) return false;
  return m[1]!.trim() === 'ignore';
}
