// Reading the files of one directory for the scan. Each file is checked with one stat
// (regular file, size limit); with a result cache, a file whose stat matches the cache's
// file index is not read at all: its content hash comes from the index, and its text is
// read only if the directory's result is not cached after all. Reads are synchronous:
// on local files they cost a fraction of a promise round trip through the thread pool.
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync, type BigIntStats } from 'node:fs';
import type { LoadedText } from './analyze.js';
import { contentHash, textHash, type DirectoryRecord } from './cache.js';
import type { Notification } from './diagnostic.js';

/** A file of the directory: its content hash (when a cache is used) and, once read, its text. */
export interface SourceRef {
  path: string;
  /** Content hash (see cache.ts); null without a cache. */
  hash: string | null;
  loaded?: LoadedText;
}

export interface ReadOptions {
  notifications: Notification[];
  maxBytes: number;
  overlays?: ReadonlyMap<string, string> | undefined;
  /** The cache's file index of this directory; hashes are computed only when present. */
  index?: DirectoryRecord | null | undefined;
}

/**
 * The usable files of one directory, in the given order. Files that cannot be used get
 * one notification each and are left out. With an index, unchanged files are not read.
 */
export function sourceRefs(files: readonly string[], opts: ReadOptions): SourceRef[] {
  const out: SourceRef[] = [];
  for (const p of files) {
    const overlay = opts.overlays?.get(p);
    if (overlay !== undefined) {
      out.push({ path: p, hash: opts.index ? textHash(overlay) : null, loaded: { path: p, text: overlay } });
      continue;
    }
    if (opts.index) {
      const info = inspect(p, opts.notifications, opts.maxBytes);
      if (!info) continue;
      const hash = opts.index.lookup(p, info);
      if (hash !== undefined) {
        out.push({ path: p, hash });
        continue;
      }
    }
    const read = readSource(p, opts.notifications, opts.maxBytes);
    if (!read) continue;
    const hash = opts.index ? contentHash(read.bytes) : null;
    if (hash !== null) opts.index!.record(p, read.info, hash);
    out.push({ path: p, hash, loaded: read.loaded });
  }
  return out;
}

/**
 * Reads the files not read yet (their result was not cached). A file that changed since
 * its hash was taken gets the hash of what was read now; one that became unusable is
 * dropped with its notification.
 */
export function loadAll(refs: SourceRef[], opts: ReadOptions): SourceRef[] {
  const out: SourceRef[] = [];
  for (const ref of refs) {
    if (ref.loaded) { out.push(ref); continue; }
    const read = readSource(ref.path, opts.notifications, opts.maxBytes);
    if (!read) continue;
    const hash = contentHash(read.bytes);
    opts.index?.record(ref.path, read.info, hash);
    out.push({ path: ref.path, hash, loaded: read.loaded });
  }
  return out;
}

type Fail = (message: string, kind?: Notification['kind']) => null;

function failer(p: string, notifications: Notification[]): Fail {
  return (message, kind = 'read-error') => {
    notifications.push({ kind, file: p, message });
    return null;
  };
}

function why(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EISDIR' ? 'is a directory'
    : code === 'ENOENT' ? 'no such file (removed during the scan, or a broken symlink)'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
        : code === 'ELOOP' ? 'too many levels of symbolic links'
          : code ?? (err instanceof Error ? err.message : String(err));
}

/** The checks made before reading: a regular file within the size limit. */
function admissible(info: BigIntStats, fail: Fail, maxBytes: number): boolean {
  if (info.isDirectory()) return !!fail('cannot read file: is a directory');
  if (!info.isFile()) return !!fail('cannot read file: not a regular file');
  if (info.size > BigInt(maxBytes)) return !!fail(`file is ${info.size} bytes, over the limit of ${maxBytes} (--max-file-size); file skipped`, 'skipped');
  return true;
}

/** The file's stat (following symlinks) if it may be read, else null with a notification. */
function inspect(p: string, notifications: Notification[], maxBytes: number): BigIntStats | null {
  const fail = failer(p, notifications);
  let info: BigIntStats;
  try {
    info = statSync(p, { bigint: true });
  } catch (err) {
    return fail(`cannot read file: ${why(err)}`);
  }
  return admissible(info, fail, maxBytes) ? info : null;
}

/**
 * Reads one file for analysis, or returns null with one notification: not a regular file
 * (directories, FIFOs, devices: opened without blocking, never read), over the size limit,
 * or unreadable (gone since discovery, a symlink loop...). Invalid UTF-8 is decoded as
 * U+FFFD and its first line recorded, for analyzeDirectory to note. `info` is the stat
 * taken before the read: if the file changes during the read, the next run sees a newer
 * stat than the one recorded with this content, and reads the file again.
 */
export function readSource(p: string, notifications: Notification[], maxBytes: number): { loaded: LoadedText; bytes: Buffer; info: BigIntStats } | null {
  const fail = failer(p, notifications);
  let buf: Buffer;
  let info: BigIntStats;
  let fd: number | undefined;
  try {
    fd = openSync(p, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    info = fstatSync(fd, { bigint: true });
    if (!admissible(info, fail, maxBytes)) return null;
    buf = readFileSync(fd);
    if (buf.length > maxBytes) return fail(`file is ${buf.length} bytes, over the limit of ${maxBytes} (--max-file-size); file skipped`, 'skipped');
  } catch (err) {
    return fail(`cannot read file: ${why(err)}`);
  } finally {
    if (fd !== undefined) try { closeSync(fd); } catch { /* already gone */ }
  }
  let text = buf.toString('utf8');
  // A UTF-8 byte order mark becomes a space: same length in UTF-16, so offsets stay right.
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1);
  const loaded: LoadedText = { path: p, text };
  if (!isUtf8(buf)) loaded.invalidUtf8Line = firstInvalidUtf8Line(buf);
  return { loaded, bytes: buf, info };
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
