// Lock states: the locks held at a program point, relative to the function's
// entry. `held` are locks known held (acquired here or by a callee), `released`
// are locks this function released (so an entry lock in that set is gone).
// The effective lockset at a point is (entry - released) + held.
import type { Node } from 'web-tree-sitter';

export type Mode = 'w' | 'r';
export interface Held {
  mode: Mode;
  name: string;
  /** The mutex expression at the Lock call. */
  node?: Node;
  /** A lock known not to alias other locks (a non-pointer mutex field or package mutex); others may be any lock. */
  exact?: boolean;
}
export type Lockset = ReadonlyMap<string, Held>;

export interface LockState {
  held: Lockset;
  released: ReadonlySet<string>;
}

export const EMPTY_STATE: LockState = { held: new Map(), released: new Set() };
export const EMPTY_LOCKSET: Lockset = new Map();

export function acquire(s: LockState, id: string, h: Held): LockState {
  const held = new Map(s.held);
  held.set(id, h);
  return { held, released: s.released };
}

export function release(s: LockState, id: string): LockState {
  const held = new Map(s.held);
  held.delete(id);
  const released = new Set(s.released);
  released.add(id);
  return { held, released };
}

/** A callee's effect applied at a call: its releases, then its acquisitions. */
export function applyEffect(s: LockState, eff: LockState): LockState {
  if (eff.held.size === 0 && eff.released.size === 0) return s;
  const held = new Map(s.held);
  for (const id of eff.released) held.delete(id);
  for (const [id, h] of eff.held) held.set(id, h);
  const released = new Set(s.released);
  for (const id of eff.released) if (!eff.held.has(id)) released.add(id);
  return { held, released };
}

/** Meet at a join: held on every path (read mode wins), released on any path. */
export function meet(states: readonly LockState[]): LockState | null {
  if (states.length === 0) return null;
  if (states.length === 1) return states[0]!;
  const [first, ...rest] = states;
  const held = new Map<string, Held>();
  for (const [id, h] of first!.held) {
    let mode = h.mode;
    let ok = true;
    for (const s of rest) {
      const o = s.held.get(id);
      if (!o) { ok = false; break; }
      if (o.mode === 'r') mode = 'r';
    }
    if (ok) held.set(id, { ...h, mode });
  }
  const released = new Set<string>();
  for (const s of states) for (const id of s.released) released.add(id);
  return { held, released };
}

/** Whether `a` holds every lock of `b` in at least the same mode. */
export function covers(a: LockState, b: LockState): boolean {
  for (const [id, h] of b.held) {
    const o = a.held.get(id);
    if (!o || (h.mode === 'w' && o.mode === 'r')) return false;
  }
  for (const id of a.released) if (!b.released.has(id)) return false;
  return true;
}

/** The effective lockset at a point given the locks held at function entry. */
export function effective(entry: Lockset, at: LockState): Lockset {
  if (entry.size === 0) return at.held;
  const out = new Map<string, Held>();
  for (const [id, h] of entry) if (!at.released.has(id)) out.set(id, h);
  for (const [id, h] of at.held) out.set(id, h);
  return out;
}

/** Intersection of locksets (read mode wins). */
export function intersect(a: Lockset, b: Lockset): Lockset {
  const out = new Map<string, Held>();
  for (const [id, h] of a) {
    const o = b.get(id);
    if (o) out.set(id, { ...h, mode: h.mode === 'r' || o.mode === 'r' ? 'r' : 'w' });
  }
  return out;
}

export function sameLockset(a: Lockset, b: Lockset): boolean {
  if (a.size !== b.size) return false;
  for (const [id, h] of a) if (b.get(id)?.mode !== h.mode) return false;
  return true;
}

/** A lock both hold that excludes (not read+read). */
export function commonExcluding(a: Lockset, b: Lockset): string | null {
  for (const [id, h] of a) {
    const o = b.get(id);
    if (o && (h.mode === 'w' || o.mode === 'w')) return id;
  }
  return null;
}

/**
 * Whether two locksets may protect each other: a lock both hold in excluding modes, or
 * a pair of locks whose relation is unknown (either is not exact: a mutex pointer, a
 * lock of another package, `cond.L`), which may be the same lock.
 */
export function mayExclude(a: Lockset, b: Lockset): boolean {
  if (commonExcluding(a, b)) return true;
  for (const [ia, ha] of a) for (const [ib, hb] of b) {
    if (ia === ib) continue;
    if (!ha.exact || !hb.exact) return true;
  }
  return false;
}

/** Whether a lockset holds a lock of unknown relation to the others (not exact). */
export function holdsOpaque(a: Lockset): boolean {
  for (const h of a.values()) if (!h.exact) return true;
  return false;
}
