// Per-package result cache: one JSON entry per directory, keyed by the content hashes
// of the directory's files, the tool version, the rules that ran (with severities) and
// the module's go version. Writes are atomic (temporary file, then rename); an entry
// that cannot be read or parsed is ignored and rewritten.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DirectoryResult, LoadedText } from './analyze.js';
import type { Rule } from './rule.js';
import { version } from './version.js';

const FORMAT = 1;

export function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
  return path.join(base, 'mapsafe');
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

export class ResultCache {
  constructor(readonly dir: string) {}

  key(dir: string, texts: LoadedText[], rules: readonly Rule[], goVersion: string | null): string {
    const h = createHash('sha256');
    h.update(`mapsafe ${version} ${codeHash()} cache ${FORMAT}\0${dir}\0go ${goVersion ?? '-'}\0`);
    for (const r of rules) h.update(`rule ${r.id} ${r.severity}\0`);
    for (const t of [...texts].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      h.update(`file ${t.path}\0`);
      h.update(createHash('sha256').update(t.text).digest('hex'));
    }
    return h.digest('hex');
  }

  private entryPath(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get(key: string): DirectoryResult | null {
    let raw: string;
    try {
      raw = readFileSync(this.entryPath(key), 'utf8');
    } catch {
      return null;
    }
    try {
      const v = JSON.parse(raw) as { key?: string; result?: DirectoryResult };
      const r = v.result;
      if (v.key !== key || !r || !Array.isArray(r.diagnostics) || !Array.isArray(r.notifications) || typeof r.files !== 'number' || typeof r.packages !== 'number') return null;
      return r;
    } catch {
      return null; // corrupt: ignored, and rewritten by the caller
    }
  }

  set(key: string, result: DirectoryResult): void {
    const file = this.entryPath(key);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(tmp, JSON.stringify({ key, result }));
      renameSync(tmp, file);
    } catch {
      // A cache that cannot be written only costs time next run.
      try { unlinkSync(tmp); } catch { /* nothing to clean */ }
    }
  }
}
