// The `go` directive of the nearest go.mod above a directory.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const cache = new Map<string, string | null>();

/** "1.23" for `go 1.23` / `go 1.23.4`, or null when no go.mod (or no directive) is found. */
export function goVersionFor(dir: string): string | null {
  const hit = cache.get(dir);
  if (hit !== undefined) return hit;
  let version: string | null = null;
  let text: string | null = null;
  const file = path.join(dir, 'go.mod');
  try {
    // existsSync first: most directories have none, and a failed read costs an exception each.
    text = existsSync(file) ? readFileSync(file, 'utf8') : null;
  } catch {
    text = null;
  }
  if (text !== null) {
    const m = /^\s*go\s+(\d+)\.(\d+)(?:\.\d+|rc\d+|beta\d+)?\s*(?:\/\/.*)?$/m.exec(text);
    version = m ? `${m[1]}.${m[2]}` : null;
  } else {
    const parent = path.dirname(dir);
    version = parent === dir ? null : goVersionFor(parent);
  }
  cache.set(dir, version);
  return version;
}

/** Compare "1.21" with "1.24": negative, zero or positive. */
export function compareGoVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am !== bm ? am - bm : an - bn;
}

/** Whether the module's go version is at least `min` (unknown counts as false). */
export function goAtLeast(version: string | null, min: string): boolean {
  return version !== null && compareGoVersions(version, min) >= 0;
}
