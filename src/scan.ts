// The pipeline for a set of files: group them into directories, read them, skip the
// packages no rule can fire on (a cheap text test before parsing), reuse cached
// results, analyse the rest on worker threads (or in-process for small runs), and
// return sorted diagnostics with the notifications for files that could not be used.
import { isUtf8 } from 'node:buffer';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { allRules } from '../rules/index.js';
import { analyzeDirectory } from './analyze.js';
import type { DirectoryResult, LoadedText } from './analyze.js';
import type { ResultCache } from './cache.js';
import type { Diagnostic, Notification } from './diagnostic.js';
import { compareDiagnostics } from './diagnostic.js';
import { goVersionFor } from './gomod.js';
import { WorkerPool, workersAvailable } from './pool.js';
import type { Rule } from './rule.js';

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
  /** Analyse in-process when the files to analyse total fewer UTF-16 units (default 2,000,000). */
  workerThreshold?: number;
  /** Files larger than this many bytes are skipped with a notification (default 5 MiB). */
  maxFileSize?: number;
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
}

/** Default for `maxFileSize`: wasm memory never shrinks, so peak memory follows the largest file parsed. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** Below this much work, starting workers costs more than it saves. */
const SMALL_RUN_BYTES = 2_000_000;

/** Scan absolute .go file paths. */
export async function scanFiles(files: string[], opts: ScanOptions): Promise<ScanResult> {
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
  const result: ScanResult = { diagnostics: [], notifications: [], files: 0, packages: 0 };
  const add = (r: DirectoryResult) => {
    result.diagnostics.push(...r.diagnostics);
    result.notifications.push(...r.notifications);
    result.files += r.files;
    result.packages += r.packages;
  };

  // Read every directory (cheap), then decide what needs analysis.
  interface Job { dir: string; texts: LoadedText[]; rules: readonly Rule[]; goVersion: string | null; key: string | null; bytes: number }
  const jobs: Job[] = [];
  const skipByTriggers = opts.skipByTriggers ?? true;
  for (const dir of dirs) {
    const texts: LoadedText[] = [];
    for (const p of byDir.get(dir)!) {
      const overlay = opts.overlays?.get(p);
      const loaded = overlay !== undefined ? { path: p, text: overlay } : await readSource(p, result.notifications, opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
      if (loaded && !isIgnoredBuild(loaded.text)) texts.push(loaded);
    }
    if (texts.length === 0) continue;
    const rules = skipByTriggers ? opts.rules.filter((r) => !r.triggers || texts.some((t) => r.triggers!.test(t.text))) : opts.rules;
    if (rules.length === 0) {
      // No rule can fire here: count the files, skip the parse.
      result.files += texts.length;
      result.packages += new Set(texts.map((t) => /^package\s+(\w+)/m.exec(t.text)?.[1] ?? '')).size;
      continue;
    }
    const goVersion = goVersionFor(dir);
    const key = opts.cache ? opts.cache.key(dir, texts, rules, goVersion) : null;
    const hit = key && opts.cache ? opts.cache.get(key) : null;
    if (hit) { add(hit); continue; }
    jobs.push({ dir, texts, rules, goVersion, key, bytes: texts.reduce((n, t) => n + t.text.length, 0) });
  }

  const total = jobs.length;
  let done = 0;
  let doneFiles = 0;
  let doneBytes = 0;
  const finish = (job: Job, r: DirectoryResult) => {
    add(r);
    if (job.key && opts.cache) opts.cache.set(job.key, r);
    done++;
    doneFiles += job.texts.length;
    doneBytes += job.bytes;
    opts.onProgress?.({ directoriesDone: done, directories: total, files: doneFiles, bytes: doneBytes });
  };
  const registered = new Set(allRules);
  const requested = Math.max(1, opts.jobs ?? os.availableParallelism());
  const totalBytes = jobs.reduce((n, j) => n + j.bytes, 0);
  const useWorkers = requested > 1 && jobs.length > 1 && totalBytes >= (opts.workerThreshold ?? SMALL_RUN_BYTES) && workersAvailable() && opts.rules.every((r) => registered.has(r));
  if (!useWorkers) {
    for (const job of jobs) finish(job, await analyzeDirectory(job.dir, job.texts, job.rules, job.goVersion));
  } else {
    const pool = new WorkerPool(Math.min(requested, jobs.length));
    try {
      // Largest directories first, so that no worker is left with a big one at the end.
      const order = [...jobs].sort((a, b) => b.bytes - a.bytes || (a.dir < b.dir ? -1 : 1));
      await Promise.all(order.map(async (job) => {
        try {
          finish(job, await pool.run({ dir: job.dir, texts: job.texts, ruleIds: job.rules.map((r) => r.id), goVersion: job.goVersion }));
        } catch (err) {
          result.notifications.push({ kind: 'rule-error', file: job.dir, message: `analysis failed: ${err instanceof Error ? err.message : String(err)}` });
        }
      }));
    } finally {
      await pool.close();
    }
  }

  if (opts.reportOnly) {
    const only = opts.reportOnly;
    result.diagnostics = result.diagnostics.filter((d) => only.has(d.location.file));
  }
  result.diagnostics.sort(compareDiagnostics);
  result.notifications.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  return result;
}

/**
 * Reads one file for analysis, or returns null with one notification: not a regular file
 * (directories, FIFOs, devices: opened without blocking, never read), over the size limit,
 * or unreadable (gone since discovery, a symlink loop...). Invalid UTF-8 is decoded as
 * U+FFFD and its first line recorded, for analyzeDirectory to note.
 */
async function readSource(p: string, notifications: Notification[], maxBytes: number): Promise<LoadedText | null> {
  let buf: Buffer;
  let handle: FileHandle | undefined;
  const fail = (message: string, kind: Notification['kind'] = 'read-error') => {
    notifications.push({ kind, file: p, message });
    return null;
  };
  try {
    handle = await open(p, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const info = await handle.stat();
    if (info.isDirectory()) return fail('cannot read file: is a directory');
    if (!info.isFile()) return fail('cannot read file: not a regular file');
    if (info.size > maxBytes) return fail(`file is ${info.size} bytes, over the limit of ${maxBytes} (--max-file-size); file skipped`, 'skipped');
    buf = await handle.readFile();
    if (buf.length > maxBytes) return fail(`file is ${buf.length} bytes, over the limit of ${maxBytes} (--max-file-size); file skipped`, 'skipped');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'EISDIR' ? 'is a directory'
        : code === 'ENOENT' ? 'no such file (removed during the scan, or a broken symlink)'
          : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
            : code === 'ELOOP' ? 'too many levels of symbolic links'
              : code ?? (err instanceof Error ? err.message : String(err));
    return fail(`cannot read file: ${why}`);
  } finally {
    await handle?.close().catch(() => {});
  }
  let text = buf.toString('utf8');
  // A UTF-8 byte order mark becomes a space: same length in UTF-16, so offsets stay right.
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1);
  const loaded: LoadedText = { path: p, text };
  if (!isUtf8(buf)) loaded.invalidUtf8Line = firstInvalidUtf8Line(buf);
  return loaded;
}

/** 0-based line of the first invalid UTF-8 sequence (lines split at '\n', which UTF-8 never uses inside a sequence). */
function firstInvalidUtf8Line(buf: Buffer): number {
  let line = 0;
  for (let start = 0; start <= buf.length; line++) {
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.length;
    if (!isUtf8(buf.subarray(start, end))) return line;
    start = end + 1;
  }
  return 0;
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
