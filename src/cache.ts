// Result cache: one file per directory scanned, under the cache directory,
//
//   <h[0]>/<h>.json     h: the hash of the directory's path. The directory's file index
//                       and its last RESULTS_KEPT results, newest first, each under its
//                       key: the content hashes of the directory's files, the tool version
//                       and code, the rules that ran (with severities) and the module's go
//                       version.
//
// Several results per directory serve runs with other rules or settings (a pre-commit hook
// and CI) and a branch switched back and forth; older ones are dropped, so the cache stays
// bounded by the directories scanned, whatever the number of edits.
//
// The file index lets a warm scan skip reading files: a file whose device, inode, size,
// mtime and ctime (nanoseconds) all equal the recorded ones gets the recorded hash. Any
// write to a file sets its ctime to the current time, and so does restoring its mtime
// (utimes), so a changed file never matches, provided the clock does not go back and the
// file system keeps ctime. A record is only made for a file whose mtime and ctime are
// older than `settleMs` (default 2 s) at the time of the read: a file written again in the
// same timestamp tick as the read could otherwise keep its stat with another content (git's
// "racy clean" problem). If anything differs, the file is read and hashed again.
//
// Writes are atomic (temporary file, then rename); a record that cannot be read or parsed
// is ignored and rewritten, and within one, a result or file entry of the wrong shape is
// dropped. Two runs that write the same directory's record at once keep the last one's
// (the other's result is computed again when next asked for). A cache that cannot be
// written only costs time.
//
// One file per directory, and one hex digit of fan-out (16 directories): creating a file or
// a directory costs up to a millisecond of kernel time on this machine's ext4 disk,
// depending on its state. A first scan of the standard library's 527 directories made
// 1,054 files (an entry and a file index each) in 453 directories with two hex digits of
// fan-out and two files per directory; it makes 527 in 16 now. A directory is made when a
// write finds it missing.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync, unlinkSync, type BigIntStats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DirectoryResult } from './analyze.js';
import type { Rule } from './rule.js';
import type { Directive } from './suppress.js';
import { version } from './version.js';

const FORMAT = 3;
/** Results kept per directory, newest first. */
export const RESULTS_KEPT = 4;

export function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
  return path.join(base, 'mapsafe');
}

/** The hash of a file's bytes as read from disk. */
export function contentHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The hash of a text given instead of the file (an editor buffer, a --fix snapshot): never equal to a file's. */
export function textHash(text: string): string {
  return `t${createHash('sha256').update(text, 'utf16le').digest('hex')}`;
}

/**
 * A hash of the analyzer's own code (the built JavaScript, or the TypeScript sources when
 * running from them), so that a changed analysis never reuses results of an older one
 * that carried the same version number.
 */
let buildId: string | undefined;
function codeHash(): string {
  if (buildId) return buildId;
  const h = createHash('sha256');
  const here = path.dirname(new URL(import.meta.url).pathname);
  const base = path.dirname(here); // dist/ or the package root
  for (const sub of ['src', 'rules']) {
    const walk = (dir: string) => {
      let entries: string[];
      try { entries = readdirSync(dir).sort(); } catch { return; }
      for (const e of entries) {
        const p = path.join(dir, e);
        if (/\.(js|ts)$/.test(e) && !e.endsWith('.d.ts')) {
          try { h.update(p.slice(base.length)).update(readFileSync(p)); } catch { walk(p); }
        } else if (!e.includes('.')) walk(p);
      }
    };
    walk(path.join(base, sub));
  }
  buildId = h.digest('hex');
  return buildId;
}

/** A cached result of one directory. */
export interface CachedDirectory {
  result: DirectoryResult;
  /** The suppression directives of the directory's files, by path (files with none are absent). */
  directives: Record<string, Directive[]>;
}

export interface CacheOptions {
  /** Files modified less than this many milliseconds before they are read are not recorded in the file index (default 2000). */
  settleMs?: number;
}

/** What the cache did during its lifetime (for tests and measurements). */
export interface CacheCounts {
  hits: number;
  misses: number;
  /** Files whose hash came from the file index, unread. */
  filesTrusted: number;
  /** Files read and hashed with a cache in use. */
  filesHashed: number;
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    try {
      writeFileSync(tmp, text);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(tmp, text);
    }
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs time next run.
    try { unlinkSync(tmp); } catch { /* nothing to clean */ }
  }
}

export class ResultCache {
  readonly counts: CacheCounts = { hits: 0, misses: 0, filesTrusted: 0, filesHashed: 0 };
  readonly settleMs: number;

  constructor(readonly dir: string, opts: CacheOptions = {}) {
    this.settleMs = opts.settleMs ?? 2000;
  }

  key(dir: string, files: readonly { path: string; hash: string | null }[], rules: readonly Rule[], goVersion: string | null): string {
    const h = createHash('sha256');
    h.update(`mapsafe ${version} ${codeHash()} cache ${FORMAT}\0${dir}\0go ${goVersion ?? '-'}\0`);
    for (const r of rules) h.update(`rule ${r.id} ${r.severity}\0`);
    for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      if (typeof f.hash !== 'string') throw new Error(`cache key: no content hash for ${f.path}`);
      h.update(`file ${f.path}\0${f.hash}\0`);
    }
    return h.digest('hex');
  }

  /** The record of one directory: its file index and its last results (read now, written by its save()). */
  directory(dir: string): DirectoryRecord {
    const h = createHash('sha256').update(`directory ${FORMAT}\0${dir}`).digest('hex');
    return new DirectoryRecord(dir, path.join(this.dir, h.slice(0, 1), `${h}.json`), this.settleMs, this.counts);
  }
}

/** A file's identity and change stamp: device, inode, size, mtime and ctime in nanoseconds. */
function stamp(info: BigIntStats): string {
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}

function isResult(v: unknown): v is { key: string } & CachedDirectory {
  if (typeof v !== 'object' || v === null) return false;
  const { key, result: r, directives: d } = v as { key?: unknown; result?: DirectoryResult; directives?: unknown };
  if (typeof key !== 'string' || typeof r !== 'object' || r === null) return false;
  if (!Array.isArray(r.diagnostics) || !Array.isArray(r.notifications) || typeof r.files !== 'number' || typeof r.packages !== 'number') return false;
  return typeof d === 'object' && d !== null && !Array.isArray(d) && Object.values(d).every(Array.isArray);
}

/** One directory's cache record: file name -> [stamp, content hash] of the last read, and its last results. */
export class DirectoryRecord {
  private readonly files = new Map<string, [string, string]>();
  private results: Array<{ key: string } & CachedDirectory> = [];
  private dirty = false;

  constructor(
    readonly dir: string,
    private readonly file: string,
    private readonly settleMs: number,
    private readonly counts: CacheCounts,
  ) {
    try {
      const v = JSON.parse(readFileSync(file, 'utf8')) as { v?: number; dir?: string; files?: Record<string, unknown>; results?: unknown };
      if (v.v !== FORMAT || v.dir !== dir || typeof v.files !== 'object' || v.files === null || !Array.isArray(v.results)) throw new Error('not a record');
      for (const [name, rec] of Object.entries(v.files)) {
        if (Array.isArray(rec) && rec.length === 2 && typeof rec[0] === 'string' && typeof rec[1] === 'string') this.files.set(name, [rec[0], rec[1]]);
        else this.dirty = true;
      }
      for (const r of v.results.slice(0, RESULTS_KEPT)) {
        if (isResult(r)) this.results.push({ key: r.key, result: r.result, directives: r.directives });
        else this.dirty = true;
      }
    } catch {
      // Missing or corrupt: every file is read, and the record rewritten as they are.
      this.files.clear();
      this.results = [];
    }
  }

  private name(p: string): string {
    if (path.dirname(p) !== this.dir) throw new Error(`cache record of ${this.dir}: ${p} is not in it`);
    return path.basename(p);
  }

  /** The recorded hash of file `p` if its stat is the recorded one. */
  lookup(p: string, info: BigIntStats): string | undefined {
    const rec = this.files.get(this.name(p));
    if (!rec || rec[0] !== stamp(info)) return undefined;
    this.counts.filesTrusted++;
    return rec[1];
  }

  /** Records the content hash of `p`, read with stat `info` taken before the read. */
  record(p: string, info: BigIntStats, hash: string): void {
    this.counts.filesHashed++;
    const name = this.name(p);
    const settled = BigInt(Date.now() - this.settleMs) * 1_000_000n;
    const s = stamp(info);
    if (info.mtimeNs < settled && info.ctimeNs < settled) {
      const rec = this.files.get(name);
      if (rec?.[0] === s && rec[1] === hash) return;
      this.files.set(name, [s, hash]);
      this.dirty = true;
    } else if (this.files.delete(name)) {
      this.dirty = true; // too recent to be trusted next time
    }
  }

  /** The result cached under `key`. */
  get(key: string): CachedDirectory | null {
    const r = this.results.find((x) => x.key === key);
    if (r) this.counts.hits++;
    else this.counts.misses++;
    return r ? { result: r.result, directives: r.directives } : null;
  }

  /** Keeps a result under `key`, as the newest (written by save()). */
  set(key: string, entry: CachedDirectory): void {
    this.results = [{ key, result: entry.result, directives: entry.directives }, ...this.results.filter((x) => x.key !== key)].slice(0, RESULTS_KEPT);
    this.dirty = true;
  }

  /** Writes the record if anything changed since it was read. */
  save(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const files: Record<string, [string, string]> = {};
    for (const name of [...this.files.keys()].sort()) files[name] = this.files.get(name)!;
    writeAtomically(this.file, JSON.stringify({ v: FORMAT, dir: this.dir, files, results: this.results }));
  }
}
