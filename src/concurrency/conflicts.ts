// Conflicts between map accesses: two accesses of the same location, at least one a
// write, that may run in parallel (different goroutine contexts, or one context that
// runs many instances), not ordered by happens-before, and not holding a common lock
// in excluding modes. Plus inconsistent locking: an access that does not hold the
// lock that guards the location at its other accesses.
import type { Node } from 'web-tree-sitter';
import type { Analysis } from '../rule.js';
import { T, enclosingFunction, field, unparen } from '../syntax.js';
import { localId } from './identity.js';
import type { AccessKind } from './accesses.js';
import { DeclaredGuards, baseField } from './guards.js';
import { HappensBefore } from './hb.js';
import { ObjectRoots, UNKNOWN_OBJECT, receiverType, spawnedBy } from './objects.js';
import type { ProgramPoint } from './hb.js';
import { commonExcluding, effective } from './lockstate.js';
import type { Held, LockState, Lockset } from './lockstate.js';
import { deferState } from './entries.js';
import { programAnalysis } from './program.js';
import type { Ctx, FnInfo, Program, Root } from './program.js';

export interface Access {
  fn: FnInfo;
  kind: AccessKind;
  /** The map expression as written. */
  map: Node;
  name: string;
  loc: string;
  locks: Lockset;
  point: ProgramPoint;
  /** In a function that creates the value (composite literal / new) before publishing it. */
  construction: boolean;
  /** Runs as (part of) a deferred call. */
  deferred: boolean;
  /** Happens before the send that hands the map over a channel (same flow, same iteration). */
  beforeHandover: boolean;
}

export interface Guard { id: string; name: string; example: Access }

export interface Finding {
  access: Access;
  /** Race evidence: the access it may run in parallel with, and the goroutine root involved. */
  other: Access | null;
  root: Root | null;
  /** Locking evidence: the guard this access does not hold. */
  guard: Guard | null;
  /** A lock this write holds only in read mode. */
  readLock: (Held & { id: string }) | null;
}

export interface Conflicts {
  program: Program;
  hb: HappensBefore;
  accesses: Access[];
  findings: Finding[];
}

export const conflictsAnalysis: Analysis<Conflicts> = {
  name: 'map-conflicts',
  run(ctx) {
    return findConflicts(ctx.get(programAnalysis));
  },
};

function findConflicts(prog: Program): Conflicts {
  const hb = new HappensBefore(prog);
  const out: Conflicts = { program: prog, hb, accesses: [], findings: [] };
  if (prog.fns.size === 0) return out;
  const handovers = collectHandovers(prog, hb);
  // A function that starts goroutines may publish what it builds: its accesses are not construction.
  const spawners = new Set(prog.roots.map((r) => r.spawner?.host).filter((h): h is FnInfo => !!h));
  const byLoc = new Map<string, Access[]>();
  for (const fn of prog.fns.values()) {
    if (fn.ctxs.size === 0 || (fn.ctxs.size === 1 && fn.ctxs.has('init'))) continue;
    const recs: Array<{ kind: AccessKind; map: Node; at: LockState; pos: number; loops: number[]; deferred: boolean }> =
      fn.facts.accesses.map((r) => ({ ...r, deferred: fn.deferred }));
    for (const d of fn.facts.deferredAccesses) recs.push({ kind: d.kind, map: d.map, at: deferState(fn.facts, d.index, (n) => prog.info(n)?.facts.exit ?? null), pos: fn.node.endIndex, loops: [], deferred: true });
    for (const rec of recs) {
      const loc = prog.ids.loc(rec.map);
      if (!loc) continue;
      const a: Access = {
        fn, kind: rec.kind, map: rec.map, name: unparen(rec.map).text, loc,
        locks: effective(fn.entry, rec.at), point: hb.point(fn, rec.pos, rec.loops),
        construction: !spawners.has(fn.host) && isConstruction(prog, rec.map, loc), deferred: rec.deferred, beforeHandover: false,
      };
      const h = handovers.get(ownLocal(prog, rec.map) ?? '');
      if (h && h.host === a.point.host && a.point.pos < h.pos) a.beforeHandover = true;
      out.accesses.push(a);
      let list = byLoc.get(loc);
      if (!list) byLoc.set(loc, (list = []));
      list.push(a);
    }
  }
  const declared = new DeclaredGuards(prog.oracle, prog.ids);
  const windowMemo = new Map<string, boolean>();
  const window = (a: Access, r: Root) => {
    const k = `${a.point.host.key}:${a.point.pos}:${a.point.loops.join(',')}:${r.id}`;
    let v = windowMemo.get(k);
    if (v === undefined) { v = hb.window(a.point, r); windowMemo.set(k, v); }
    return v;
  };
  const objects = new ObjectRoots(prog);
  const objMemo = new Map<Access, Set<string>>();
  const objs = (a: Access) => {
    let o = objMemo.get(a);
    if (!o) { o = objects.of(a.map); objMemo.set(a, o); }
    return o;
  };
  const concurrent = (a: Access, b: Access): Root | null => {
    let common: string[] | null = null;
    if (a.loc.startsWith('field:')) {
      const ob = objs(b);
      common = [...objs(a)].filter((o) => o !== UNKNOWN_OBJECT && ob.has(o));
      if (common.length === 0) return null;
    }
    for (const ca of a.fn.ctxs) for (const cb of b.fn.ctxs) {
      const plain = pairRoot(prog, hb, window, a, b, ca, cb);
      const r = plain ?? typeMethodRoot(prog, hb, common, a, b, ca, cb);
      if (!r) continue;
      // The roots involved must see the same object.
      if (common && !common.some((o) => [ca, cb].some((c) => typeof c === 'number' && objects.sharedBy(o, prog.roots[c]!, !plain)))) continue;
      return r;
    }
    return null;
  };
  // Code that may run while other goroutines use the map: methods, the package's exported
  // API (its users may call it from any goroutine), goroutines, and the flow while one runs.
  const inConcurrentCode = (a: Access) =>
    a.fn.host.node.type === T.methodDecl || isExportedApi(a.fn.host.node) || [...a.fn.ctxs].some((c) => typeof c === 'number') || prog.roots.some((r) => hb.shared(a.loc, r) && window(a, r));

  for (const [loc, list] of byLoc) {
    const live = list.filter((a) => !a.construction);
    const writes = live.filter((a) => a.kind === 'write');
    if (writes.length === 0) continue;
    const guard = inferGuard(loc, live, declared.of(loc));
    for (const a of live) {
      const readLock = a.kind === 'write' ? readOnlyLock(a.locks) : null;
      let finding: Finding | null = null;
      const holdsGuard = !!guard && a.locks.has(guard.id);
      for (const b of a.kind === 'write' ? live : writes) {
        if (commonExcluding(a.locks, b.locks)) continue;
        // The access that lacks the lock is the one to fix: skip when this side holds the guard, or holds locks the other lacks.
        if (holdsGuard || (a.locks.size > 0 && b.locks.size === 0)) continue;
        const r = concurrent(a, b);
        if (r) { finding = { access: a, other: b, root: r, guard: guard && !a.locks.has(guard.id) ? guard : null, readLock }; break; }
      }
      if (!finding && guard && !a.locks.has(guard.id) && inConcurrentCode(a)) {
        const guardedWrite = writes.some((w) => w.locks.get(guard.id)?.mode === 'w');
        if (a.kind === 'write' || guardedWrite) finding = { access: a, other: null, root: null, guard, readLock };
      }
      if (!finding && readLock && !loc.startsWith('local:') && (loc.startsWith('var:') || !readLock.node || objects.mayAlias(a.map, readLock.node))) finding = { access: a, other: null, root: null, guard, readLock };
      if (finding) out.findings.push(finding);
    }
  }
  return out;
}

function pairRoot(prog: Program, hb: HappensBefore, window: (a: Access, r: Root) => boolean, a: Access, b: Access, ca: Ctx, cb: Ctx): Root | null {
  if (ca === 'init' || cb === 'init') return null;
  if (ca === cb) {
    if (ca === 'main') return null;
    const r = prog.roots[ca]!;
    return r.multi && hb.shared(a.loc, r) ? r : null;
  }
  if (ca === 'main') { const r = prog.roots[cb as number]!; return !a.beforeHandover && hb.shared(a.loc, r) && window(a, r) ? r : null; }
  if (cb === 'main') { const r = prog.roots[ca]!; return !b.beforeHandover && hb.shared(a.loc, r) && window(b, r) ? r : null; }
  const ra = prog.roots[ca]!;
  const rb = prog.roots[cb]!;
  if (!hb.shared(a.loc, ra) && !hb.shared(a.loc, rb)) return null;
  if (rb.spawner && a.point.host === rb.spawner.host && !window(a, rb)) return null;
  if (ra.spawner && b.point.host === ra.spawner.host && !window(b, ra)) return null;
  if (hb.ordered(ra, rb)) return null;
  return rb;
}

/** A lock held in read mode, when no lock is held exclusively (an exclusive lock may be the map's own guard). */
function readOnlyLock(locks: Lockset): (Held & { id: string }) | null {
  for (const h of locks.values()) if (h.mode === 'w') return null;
  for (const [id, h] of locks) if (h.mode === 'r') return { id, ...h };
  return null;
}

/** The lock held at most accesses of a location (or the declared guard, when some access holds it). */
function inferGuard(loc: string, accesses: Access[], declared: string | null): Guard | null {
  if (loc.startsWith('local:') || accesses.length === 0) return null;
  const counts = new Map<string, { n: number; example: Access; name: string }>();
  for (const a of accesses) for (const [id, h] of a.locks) {
    const c = counts.get(id);
    if (c) c.n++;
    else counts.set(id, { n: 1, example: a, name: h.name });
  }
  let best: Guard | null = null;
  let bestN = 0;
  // A guard belongs with its map: a mutex of the same struct type, or a package-level mutex for a package-level map.
  // Or a mutex of an enclosing object: `s.mu` held while writing `s.child.m`.
  const owner = baseField(loc)?.type;
  const enclosing = (id: string) => accesses.some((a) => {
    const h = a.locks.get(id);
    const base = h?.node ? unparen(h.node).text.replace(/\.[^.]*$/, '') : '';
    return !!base && base !== unparen(h!.node!).text && a.name.startsWith(`${base}.`);
  });
  const belongs = (id: string) => (owner ? id.startsWith(`field:${owner}.`) || enclosing(id) : loc.startsWith('var:') && id.startsWith('var:'));
  for (const [id, c] of counts) {
    if (!belongs(id)) continue;
    const ok = c.n * 2 > accesses.length || id === declared;
    if (ok && c.n > bestN) { best = { id, name: c.name, example: c.example }; bestN = c.n; }
  }
  return best;
}

/** An access through a local that this function created with a composite literal or new(T). */
function isConstruction(prog: Program, map: Node, loc: string): boolean {
  if (!loc.startsWith('field:')) return false;
  let e = unparen(map);
  for (let i = 0; i < 20; i++) {
    if (e.type === T.selectorExpr || e.type === T.indexExpr) e = unparen(field(e, 'operand')!);
    else if (e.type === T.unaryExpr) e = unparen(field(e, 'operand')!);
    else break;
  }
  if (e.type !== T.identifier) return false;
  const d = prog.oracle.resolver.resolve(e);
  if (d?.kind !== 'var' || !d.value || d.tupleIndex !== undefined) return false;
  return isFresh(prog, d.value, 0);
}

/** `&T{...}`, `T{...}`, `new(T)`, or a call of a same-package constructor that returns one. */
function isFresh(prog: Program, value: Node, depth: number): boolean {
  let v = unparen(value);
  if (v.type === T.unaryExpr) v = unparen(field(v, 'operand') ?? v);
  if (v.type === T.compositeLit) return true;
  if (v.type !== T.callExpr || depth > 3) return false;
  const f = field(v, 'function');
  if (f?.type === T.identifier && f.text === 'new') return true;
  const ret = prog.calls.returnedExpr(v);
  if (!ret) return false;
  if (isFresh(prog, ret, depth + 1)) return true;
  // `x := &T{...}; ...; return x`
  if (ret.type !== T.identifier) return false;
  const d = prog.oracle.resolver.resolve(ret);
  return d?.kind === 'var' && !!d.value && d.tupleIndex === undefined && isFresh(prog, d.value, depth + 1);
}

/** `ch <- m` of a local map: m becomes the channel's element; the send point, when each send hands over a fresh map. */
function collectHandovers(prog: Program, hb: HappensBefore): Map<string, ProgramPoint> {
  const out = new Map<string, ProgramPoint>();
  for (const fn of prog.fns.values()) for (const c of fn.facts.chans) {
    if (c.kind !== 'send' || !c.value || !prog.oracle.isMap(c.value)) continue;
    const own = ownLocal(prog, c.value);
    const ch = prog.ids.loc(c.chan);
    if (!own || !ch) continue;
    prog.ids.aliases.set(own, `${ch}<-`);
    const decl = prog.ids.locals.get(own);
    const inner = c.loops[c.loops.length - 1];
    let fresh = inner === undefined;
    for (let p = decl?.parent ?? null; p && !fresh; p = p.parent) if (p.id === inner) fresh = true;
    if (fresh) out.set(own, hb.point(fn, c.pos, c.loops));
  }
  return out;
}

/** The identity of the local variable an expression names (before channel aliasing). */
function ownLocal(prog: Program, e: Node): string | null {
  const u = unparen(e);
  if (u.type !== T.identifier) return null;
  const d = prog.oracle.resolver.resolve(u);
  if (!d || d.kind !== 'var' || !d.node || !enclosingFunction(d.node)) return null;
  const id = localId(d);
  prog.ids.locals.set(id, d.node);
  return id;
}

/**
 * An exported method of T, called by the package's users, runs concurrently with a
 * goroutine that another method (or the constructor) of T started on the same value
 * and did not join before returning.
 */
function typeMethodRoot(prog: Program, hb: HappensBefore, common: string[] | null, a: Access, b: Access, ca: Ctx, cb: Ctx): Root | null {
  if (!common) return null;
  const [m, other, rc] = ca === 'main' && typeof cb === 'number' ? [a, b, cb] : cb === 'main' && typeof ca === 'number' ? [b, a, ca] : [null, null, null];
  if (!m || !other || rc === null) return null;
  const r = prog.roots[rc]!;
  const host = m.point.host.node;
  const t = receiverType(host);
  if (!t || !/^[A-Z]/.test(field(host, 'name')?.text ?? '') || !common.includes(`type:${t}`)) return null;
  // The goroutine must outlive the method that starts it (not joined before it returns).
  if (!r.spawner || r.spawner.host === m.point.host || !spawnedBy(r, t) || hb.contained(r)) return null;
  return r;
}

/** An exported function that is not a test, benchmark, example or fuzz target. */
function isExportedApi(fn: Node): boolean {
  if (fn.type !== T.funcDecl) return false;
  const name = field(fn, 'name')?.text ?? '';
  return /^[A-Z]/.test(name) && !/^(Test|Benchmark|Example|Fuzz)/.test(name);
}
