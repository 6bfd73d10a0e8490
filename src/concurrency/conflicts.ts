// Conflicts between map accesses: two accesses of the same location, at least one a
// write, that may run in parallel (different goroutine contexts, or one context that
// runs many instances), not ordered by happens-before, and not holding a common lock
// in excluding modes. Plus inconsistent locking: an access that does not hold the
// lock that guards the location at its other accesses.
import type { Node } from 'web-tree-sitter';
import type { Analysis, RuleMeta } from '../rule.js';
import { CONCURRENCY_TRIGGER } from '../triggers.js';
import { T, descendantsOf, enclosingFunction, field, listItems, namedChildrenNoComments, unparen, within } from '../syntax.js';
import { callArgs } from './accesses.js';
import { paramIndex } from './params.js';
import { localId } from './identity.js';
import type { AccessKind } from './accesses.js';
import { DeclaredGuards, baseField, baseVar } from './guards.js';
import { HappensBefore } from './hb.js';
import { ObjectRoots, UNKNOWN_OBJECT, perIteration, receiverType, spawnedBy } from './objects.js';
import type { ProgramPoint } from './hb.js';
import { effective, holdsOpaque, intersect, mayExclude } from './lockstate.js';
import type { Held, LockState, Lockset } from './lockstate.js';
import { deferState, docComment, isPrivateHelper } from './entries.js';
import { baseIdent, declaredInFlow, freshIdent, isFresh } from './fresh.js';
import { programAnalysis } from './program.js';
import type { Ctx, FnInfo, Program, Root } from './program.js';


/**
 * What every rule reporting the conflicts below reads: packages with a goroutine root or a
 * lock (the trigger), only where an expression can have a map type, only the bodies the
 * engine walks, nothing outside function bodies.
 */
export const CONCURRENCY_RULE_INPUTS: Pick<RuleMeta, 'triggers' | 'needsMapType' | 'bodies' | 'outsideBodies'> = {
  triggers: CONCURRENCY_TRIGGER,
  needsMapType: true,
  bodies: 'walk',
  outsideBodies: 'nowhere',
};

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
  /** A write to a map this function has just created (`x.m = map[K]V{}; x.m[k] = v`): not the map others hold. */
  freshMap: boolean;
  /** Its function's entry locks are assumed, or depend on a flag parameter: not judged. */
  unjudged: boolean;
  /** In a _test.go file. */
  test: boolean;
  /** The contexts this access runs in with these locks (a helper may hold more locks in some contexts). */
  ctxs: ReadonlySet<Ctx>;
}

export interface Guard { id: string; name: string; example: Access }

export interface Finding {
  access: Access;
  /** Race evidence: the access it may run in parallel with, and the goroutine root involved. */
  other: Access | null;
  root: Root | null;
  /** The goroutine the access itself runs in, when it is another one than `root` (two goroutines race). */
  ownRoot?: Root | null;
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
  const fresh = new FreshMaps();
  const ctxLocks = new ContextLocks();
  const byLoc = new Map<string, Access[]>();
  for (const fn of prog.fns.values()) {
    if (fn.ctxs.size === 0 || (fn.ctxs.size === 1 && fn.ctxs.has('init'))) continue;
    const recs: Array<{ kind: AccessKind; map: Node; at: LockState; pos: number; loops: number[]; deferred: boolean }> =
      fn.facts.accesses.map((r) => ({ ...r, deferred: fn.deferred }));
    for (const d of fn.facts.deferredAccesses) recs.push({ kind: d.kind, map: d.map, at: deferState(fn.facts, d.index, (n) => prog.info(n)?.facts.exit ?? null), pos: fn.node.endIndex, loops: [], deferred: true });
    for (const rec of recs) {
      const loc = prog.ids.loc(rec.map);
      if (!loc) continue;
      const base: Access = {
        fn, kind: rec.kind, map: rec.map, name: unparen(rec.map).text, loc,
        locks: effective(fn.entry, rec.at), point: hb.point(fn, rec.pos, rec.loops),
        construction: !spawners.has(fn.host) && (isConstruction(prog, rec.map, loc, fn.host.node) || builtByCallers(prog, rec.map, loc, spawners, fn.host.node)),
        deferred: rec.deferred, beforeHandover: false,
        freshMap: rec.kind === 'write' && fresh.after(fn, rec.map, rec.pos),
        unjudged: isUnjudged(fn) && !(loc.startsWith('local:') && ownVariable(prog, rec.map)), test: prog.oracle.resolver.fileOf(rec.map).isTest,
        ctxs: fn.ctxs,
      };
      const h = handovers.get(ownLocal(prog, rec.map) ?? '');
      if (h && h.host === base.point.host && base.point.pos < h.pos) base.beforeHandover = true;
      let list = byLoc.get(loc);
      if (!list) byLoc.set(loc, (list = []));
      for (const a of ctxLocks.split(base, rec.deferred ? null : rec.at)) { out.accesses.push(a); list.push(a); }
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
  const concurrent = (a: Access, b: Access): { root: Root; own: Root | null } | null => {
    let common: string[] | null = null;
    if (a.loc.startsWith('field:')) {
      const ob = objs(b);
      common = [...objs(a)].filter((o) => o !== UNKNOWN_OBJECT && ob.has(o));
      if (common.length === 0) return null;
    }
    for (const ca of a.ctxs) for (const cb of b.ctxs) {
      // A goroutine a test starts races only on what is local to the test.
      if ([ca, cb].some((c) => typeof c === 'number' && prog.roots[c]!.test) && !testLocal(a.loc)) continue;
      const plain = pairRoot(prog, hb, window, a, b, ca, cb);
      // Exported methods against a goroutine the type starts: when one side holds a lock (the type
      // guards the map, and one access skips it), or the method has no caller in the package (only
      // users call it); otherwise it is judged by its callers in the package.
      const r = plain ?? typeMethodRoot(prog, hb, common, a, b, ca, cb, a.locks.size + b.locks.size > 0);
      if (!r) continue;
      // The roots involved must all see the same object: one of the objects both name, or
      // the very variable a goroutine literal captures from the flow that starts it.
      if (common && !common.some((o) => [ca, cb].every((c) => typeof c !== 'number' || objects.sharedBy(o, prog.roots[c]!, !plain, ca === cb)))
        && !(plain && ca !== cb && capturedTogether(prog, cb === r.id ? b : a, cb === r.id ? a : b, r))) continue;
      return { root: r, own: typeof ca === 'number' && ca !== r.id ? prog.roots[ca]! : null };
    }
    return null;
  };
  // Code that may run while other goroutines use the map: methods, the package's exported
  // API (its users may call it from any goroutine), goroutines, and the flow while one runs.
  const inConcurrentCode = (a: Access) =>
    a.fn.host.node.type === T.methodDecl || isExportedApi(a.fn.host.node) || [...a.ctxs].some((c) => typeof c === 'number') || prog.roots.some((r) => hb.shared(a.loc, r) && window(a, r));

  const testLocal = (loc: string) => testLocalLoc(prog, loc);
  const reported = new Set<number>();
  for (const [loc, list] of byLoc) {
    const live = list.filter((a) => !a.construction && !a.unjudged);
    const writes = live.filter((a) => a.kind === 'write');
    if (writes.length === 0) continue;
    const guard = inferGuard(loc, live, declared.of(loc));
    const sibling = !!guard && isSiblingGuard(prog, loc, guard.id);
    const ownerGuard = !!guard && isOwnerGuard(prog, guard.id);
    // The package itself uses the map from its goroutines, under the guard.
    const rootGuarded = !!guard && live.some((w) => w.locks.has(guard.id) && [...w.ctxs].some((c) => typeof c === 'number' && !prog.roots[c]!.test));
    // Or every other method that touches the map holds the guard: the unguarded method is the odd one out.
    // For a read, that alone shows a lock, not a concurrent writer (the lock may serve callers in
    // other packages that order this method by phases: setup before use, a report after the work):
    // it counts when the type's documentation says its values are used concurrently, or when the
    // package's tests write the map under the guard from goroutines they start.
    const testGuardedWrite = !!guard && writes.some((w) => w.locks.get(guard.id)?.mode === 'w' && [...w.ctxs].some((c) => typeof c === 'number' && prog.roots[c]!.test));
    const concurrentType = !!guard && (testGuardedWrite || documentedConcurrent(prog, baseField(guard.id)?.type ?? null));
    const othersGuarded = (a: Access) => !!guard && (a.kind === 'write' || concurrentType)
      && live.every((b) => b.fn.host === a.fn.host || b.locks.has(guard.id) || b.construction);
    // Writes under the guard to the map others hold (not to a map just created and published).
    const guardedWrite = !!guard && writes.some((w) => w.locks.get(guard.id)?.mode === 'w' && !w.freshMap);
    const guardedAccess = !!guard && live.some((b) => b.locks.has(guard.id) && !b.freshMap);
    for (const a of live) {
      const readLock = a.kind === 'write' ? readOnlyLock(a.locks) : null;
      let finding: Finding | null = null;
      const holdsGuard = !!guard && a.locks.has(guard.id);
      // An access holding a lock whose relation to the others is unknown is not unguarded.
      if (!holdsGuard && !holdsOpaque(a.locks) && !a.freshMap) {
        for (const b of a.kind === 'write' ? live : writes) {
          if (b.freshMap || mayExclude(a.locks, b.locks)) continue;
          // The access that lacks the lock is the one to fix: skip when this side holds locks the other lacks.
          if (a.locks.size > 0 && b.locks.size === 0) continue;
          const r = concurrent(a, b);
          if (r) { finding = { access: a, other: b, root: r.root, ownRoot: r.own, guard: guard && !a.locks.has(guard.id) ? guard : null, readLock }; break; }
        }
      }
      // A read needs writes under the guard; a write, any access under it.
      const guarded = a.kind === 'write' ? guardedAccess : guardedWrite;
      if (!finding && guard && !holdsGuard && guarded && (inconsistent(prog, a, guard, sibling, ownerGuard) && (rootGuarded || takesGuard(a.fn.host, guard.id) || othersGuarded(a)) && !phaseOrdered(prog, hb, a, writes) || escaped(prog, a) && inConcurrentCode(a))) {
        finding = { access: a, other: null, root: null, guard, readLock };
      }
      if (!finding && readLock && !a.freshMap && !loc.startsWith('local:') && ownLock(loc, readLock, guard) && (loc.startsWith('var:') || !readLock.node || objects.mayAlias(a.map, readLock.node))) finding = { access: a, other: null, root: null, guard, readLock };
      if (finding && !reported.has(a.map.id)) { reported.add(a.map.id); out.findings.push(finding); }
    }
  }
  return out;
}

function pairRoot(prog: Program, hb: HappensBefore, window: (a: Access, r: Root) => boolean, a: Access, b: Access, ca: Ctx, cb: Ctx): Root | null {
  if (ca === 'init' || cb === 'init') return null;
  if (ca === cb) {
    if (ca === 'main') return null;
    const r = prog.roots[ca]!;
    // Each instance creates its own map and hands it over a channel: before the handover, two
    // instances touch two different maps.
    if (a.beforeHandover && b.beforeHandover && instanceLocal(prog, a.map, r) && instanceLocal(prog, b.map, r)) return null;
    // `parts[i][k] = v` where each instance has its own i (the key of the loop that starts them):
    // instances write different inner maps.
    const ia = instanceIndex(prog, a.map, r);
    if (ia && ia === instanceIndex(prog, b.map, r)) return null;
    return r.multi && !hb.joinedEachIteration(r) && hb.shared(a.loc, r) ? r : null;
  }
  if (ca === 'main') { const r = prog.roots[cb as number]!; return !a.beforeHandover && hb.shared(a.loc, r) && window(a, r) ? r : null; }
  if (cb === 'main') { const r = prog.roots[ca]!; return !b.beforeHandover && hb.shared(a.loc, r) && window(b, r) ? r : null; }
  const ra = prog.roots[ca]!;
  const rb = prog.roots[cb]!;
  if (!hb.shared(a.loc, ra) && !hb.shared(a.loc, rb)) return null;
  // An access in the flow that starts the other goroutine races with it only after its start;
  // not so an access of a closure that flow hosts but that runs here as goroutine ra itself
  // (`register := func() {...}; go register(); go register()`).
  if (rb.spawner && a.point.host === rb.spawner.host && !within(a.fn.node, ra.target.node) && !window(a, rb)) return null;
  if (ra.spawner && b.point.host === ra.spawner.host && !within(b.fn.node, rb.target.node) && !window(b, ra)) return null;
  if (hb.ordered(ra, rb)) return null;
  return rb;
}

/**
 * The map is an element `x[i]` whose index is, in each instance of root r, a value no other
 * instance has: the key of a range loop (or the variable of a counting for loop) around the
 * start, declared per iteration and captured (or passed at the go statement to a parameter).
 * Returns the loop variable's key, else null.
 */
function instanceIndex(prog: Program, map: Node, r: Root): string | null {
  const m = unparen(map);
  if (m.type !== T.indexExpr) return null;
  let idx = field(m, 'index');
  if (!idx || unparen(idx).type !== T.identifier) return null;
  let d = prog.oracle.resolver.resolve(unparen(idx));
  if (!d?.node) return null;
  if (d.kind === 'param' && r.target.node.type === T.funcLit && within(d.node, r.target.node) && r.site.type === T.goStatement) {
    const call = namedChildrenNoComments(r.site).find((c) => c.type === T.callExpr);
    const arg = call ? callArgs(call)[paramIndex(r.target.node, d.node)] : undefined;
    if (!arg || unparen(arg).type !== T.identifier) return null;
    idx = arg;
    d = prog.oracle.resolver.resolve(unparen(arg));
    if (!d?.node) return null;
  }
  let loop: Node | null = d.node.parent;
  for (let i = 0; i < 4 && loop && loop.type !== T.forStatement; i++) loop = loop.parent;
  const fn = enclosingFunction(d.node);
  const body = loop ? field(loop, 'body') : null;
  if (!loop || !fn || loop.type !== T.forStatement || !body || within(d.node, body) || !within(r.site, body)) return null;
  const distinct = (d.kind === 'range' && !!d.range?.key) || (d.kind === 'var' && field(loop, 'body') !== null && assignedOnlyInHeader(loop, d.name));
  if (!distinct || !perIteration(d.node, r.site, fn)) return null;
  return prog.oracle.resolver.key(d.node);
}

/** `for i := 0; ...; i++`: the loop's own variable, changed only by its post statement. */
function assignedOnlyInHeader(loop: Node, name: string): boolean {
  const clause = namedChildrenNoComments(loop).find((c) => c.type === T.forClause);
  const post = clause ? field(clause, 'update') : null;
  if (!post || !/^\s*\w+\s*(\+\+|--|\+=)/.test(post.text)) return false;
  const body = field(loop, 'body');
  return !body || !descendantsOf(body, [T.assignment, T.incStatement, T.decStatement]).some((a) => (field(a, 'left') ?? namedChildrenNoComments(a)[0])?.text.split(/\s*,\s*/).includes(name));
}

/** A local variable declared inside the goroutine's own function: every instance has its own. */
function instanceLocal(prog: Program, map: Node, r: Root): boolean {
  const id = ownLocal(prog, map);
  const decl = id ? prog.ids.locals.get(id) : undefined;
  return !!decl && within(decl, r.target.node);
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
function isConstruction(prog: Program, map: Node, loc: string, host: Node): boolean {
  if (!loc.startsWith('field:')) return false;
  let e = unparen(map);
  for (let i = 0; i < 20; i++) {
    if (e.type === T.selectorExpr || e.type === T.indexExpr) e = unparen(field(e, 'operand')!);
    else if (e.type === T.unaryExpr) e = unparen(field(e, 'operand')!);
    else break;
  }
  if (e.type !== T.identifier) return false;
  const d = prog.oracle.resolver.resolve(e);
  if (d?.kind !== 'var' || !d.value || d.tupleIndex !== undefined || !d.node) return false;
  // The flow that creates the value: a goroutine the creator starts uses it already shared.
  return declaredInFlow(d.node, host) && isFresh(prog, d.value, 0);
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
function typeMethodRoot(prog: Program, hb: HappensBefore, common: string[] | null, a: Access, b: Access, ca: Ctx, cb: Ctx, locked: boolean): Root | null {
  if (!common) return null;
  const [m, other, rc] = ca === 'main' && typeof cb === 'number' ? [a, b, cb] : cb === 'main' && typeof ca === 'number' ? [b, a, ca] : [null, null, null];
  if (!m || !other || rc === null) return null;
  const r = prog.roots[rc]!;
  const host = m.point.host.node;
  const t = receiverType(host);
  if (!t || !/^[A-Z]/.test(field(host, 'name')?.text ?? '') || !common.includes(`type:${t}`)) return null;
  if (!locked && m.point.host.sites.length > 0) return null;
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

/**
 * Phase ordering: the package's own concurrent use of the map is visible and ordered.
 * The access is in a method with callers in the package (judged by them), runs in
 * goroutines of the package each of which is joined before its starter returns, and
 * every write runs in the ordinary flow only, from callers in the package, outside
 * the window of each of those goroutines (the race check found no overlap). The lock
 * then serves accesses made while the goroutines run, and this one cannot overlap a write.
 */
function phaseOrdered(prog: Program, hb: HappensBefore, a: Access, writes: Access[]): boolean {
  if (a.fn.host.sites.length === 0) return false;
  // Goroutines of tests race only on what the tests declare (as in the race check).
  const roots = [...a.ctxs].filter((c): c is number => typeof c === 'number').map((c) => prog.roots[c]!)
    .filter((r) => !r.test || testLocalLoc(prog, a.loc));
  if (roots.length === 0 || roots.some((r) => !hb.joinedAll(r))) return false;
  return writes.every((b) => b === a || (b.fn.host.sites.length > 0 && [...b.ctxs].every((c) => c === 'main' || c === 'init')
    && roots.every((r) => !hb.window(b.point, r))));
}

/**
 * The type's doc comment says its values are safe for concurrent use ("safe for
 * concurrent use", "safe to access and modify concurrently", "thread-safe", "may be
 * used by multiple goroutines").
 */
const CONCURRENT_DOC = /\bsafe\b[^.;]{0,60}\bconcurrent(ly)?\b|\bconcurrency[- ]safe\b|\b(thread|goroutine)[- ]safe\b|\bsafe\b[^.;]{0,40}\b(multiple|several|many|different) goroutines\b|\b(may|can) be (used|called|accessed|shared)\b[^.;]{0,30}\b(concurrently|simultaneously|in parallel|from (multiple|several|many|different) goroutines)\b/i;

function documentedConcurrent(prog: Program, typeName: string | null): boolean {
  const info = typeName ? prog.oracle.pkg.types.get(typeName) : undefined;
  if (!info) return false;
  // The comment sits above the type spec (in a group) or above its `type` declaration.
  for (let n: Node | null = info.spec; n && n.type !== T.sourceFile; n = n.parent) {
    if (CONCURRENT_DOC.test(docComment(n))) return true;
    if (n.type === T.typeDecl) break;
  }
  return false;
}

/** Accesses in functions whose entry locks are assumed (or chosen by a flag) are not judged. */
function isUnjudged(fn: FnInfo): boolean {
  for (let f: FnInfo | null = fn, i = 0; f && i < 50; f = f.hosted ? f.parent : null, i++) if (f.assumed || f.flagLocked) return true;
  return false;
}

/** A location a test's goroutines may race on: a local, or a variable or type declared in a _test.go file. */
function testLocalLoc(prog: Program, loc: string): boolean {
  if (loc.startsWith('local:')) return true;
  const v = baseVar(loc);
  if (v) return !!prog.oracle.pkg.scope.get(v)?.file?.isTest;
  const f = baseField(loc);
  return !!f && !!prog.oracle.pkg.types.get(f.type)?.file.isTest;
}

/** The guard is a non-pointer mutex field of the map's own struct (or a package mutex for a package map). */
function isSiblingGuard(prog: Program, loc: string, guardId: string): boolean {
  const f = baseField(loc);
  const g = baseField(guardId);
  if (f) return !!g && g.type === f.type && guardId === `field:${g.type}.${g.field}` && isValueMutexField(prog, g.type, g.field);
  return !!baseVar(loc) && /^var:[^.[<]+$/.test(guardId);
}

function isValueMutexField(prog: Program, typeName: string, fieldName: string): boolean {
  const info = prog.oracle.pkg.types.get(typeName);
  if (!info) return false;
  const u = prog.oracle.underlying(prog.oracle.typeFromNode(info.typeNode));
  const fl = u.kind === 'struct' ? u.fields.find((x) => x.name === fieldName) : undefined;
  return !!fl && fl.type.kind === 'named' && prog.ids.isMutexType(fl.type);
}

/**
 * Inconsistent locking: an exported method reads or writes its receiver's map without
 * the sibling mutex that guards it elsewhere, and no in-package caller holds that lock.
 * A write may hold another mutex field of the same struct ("holds a different lock").
 */
function inconsistent(prog: Program, a: Access, guard: Guard, sibling: boolean, ownerGuard: boolean): boolean {
  if (!(sibling || ownerGuard) || a.test) return false;
  const host = a.fn.host;
  if (host.node.type !== T.methodDecl || !/^[A-Z]/.test(field(host.node, 'name')?.text ?? '')) return false;
  const path = onReceiver(prog, a.map, host.node);
  // The guard is the map's sibling (`s.mu` for `s.m`), or the receiver's own mutex for a map reached through it (`s.mu` for `s.c.m`).
  if (path === 0 || (!sibling && !(ownerGuard && baseField(guard.id)?.type === receiverType(host.node)))) return false;
  const owner = baseField(guard.id)?.type;
  if (path > 1 && a.locks.size > 0) return false;
  for (const [id, h] of a.locks) {
    if (a.kind !== 'write' || !h.exact || baseField(id)?.type !== owner || id !== `field:${owner}.${baseField(id)?.field}`) return false;
  }
  // Callers in the package that hold the lock (or whose locks are assumed) say it is called locked.
  return !host.sites.some((s) => s.caller.assumed || effective(s.caller.entry, s.at).has(guard.id));
}

/** `recv.f` or `recv.a.b.f` (only selectors) where recv is the method's receiver: the number of selectors, else 0. */
function onReceiver(prog: Program, map: Node, method: Node): number {
  let m = unparen(map);
  let n = 0;
  while (m.type === T.selectorExpr) { m = unparen(field(m, 'operand')!); n++; }
  if (n === 0 || m.type !== T.identifier) return 0;
  const d = prog.oracle.resolver.resolve(m);
  return d?.kind === 'receiver' && !!d.declNode && d.declNode.parent?.parent?.id === method.id ? n : 0;
}

/** A guard that is a non-pointer mutex field of a same-package struct. */
function isOwnerGuard(prog: Program, guardId: string): boolean {
  const g = baseField(guardId);
  return !!g && guardId === `field:${g.type}.${g.field}` && isValueMutexField(prog, g.type, g.field);
}

/** A variable declared in the function's body (not a parameter): the caller's locks cannot protect it. */
function ownVariable(prog: Program, map: Node): boolean {
  const b = baseIdent(map);
  const d = b ? prog.oracle.resolver.resolve(b) : null;
  return d?.kind === 'var' && !!d.node && enclosingFunction(d.node) !== null;
}

/**
 * The getter leak: a map reached through a reference taken from its guarded field (a
 * getter's result, `m := s.f` under the lock) and used after the lock is released.
 */
function escaped(prog: Program, a: Access): boolean {
  if (a.locks.size > 0 || a.test || !a.loc.startsWith('field:')) return false;
  let m = unparen(a.map);
  while (m.type === T.indexExpr) m = unparen(field(m, 'operand')!);
  if (m.type === T.callExpr) return true;
  if (m.type !== T.identifier) return false;
  const d = prog.oracle.resolver.resolve(m);
  return d?.kind === 'var' && !!d.node && enclosingFunction(d.node) !== null && !detached(a, d.value ?? null);
}

/**
 * `v := c.m[k]` and then `delete(c.m, k)` under the lock that the read held: the element
 * was taken out of the guarded map before the unlock, so no other goroutine can reach it
 * through the map any more; using it afterwards is the taker's own business.
 */
function detached(a: Access, value: Node | null): boolean {
  const v = value ? unparen(value) : null;
  if (v?.type !== T.indexExpr) return false;
  const container = unparen(field(v, 'operand')!).text;
  const key = field(v, 'index')?.text;
  const facts = a.fn.facts;
  const read = facts.accesses.find((r) => r.map.startIndex === unparen(field(v, 'operand')!).startIndex);
  if (!read || !key || read.at.held.size === 0) return false;
  return facts.accesses.some((r) => {
    if (r.kind !== 'write' || r.pos < read.pos || r.pos > a.map.startIndex || unparen(r.map).text !== container) return false;
    const call = r.map.parent?.parent;
    const args = call?.type === T.callExpr && field(call, 'function')?.text === 'delete' ? field(call, 'arguments')?.namedChildren ?? [] : [];
    return args.length === 2 && unparen(args[1]!).text === key && [...read.at.held.keys()].some((id) => r.at.held.has(id));
  });
}

/** A read lock of the map's own object: its guard, a mutex field of the map's struct, or a package mutex for a package map. */
function ownLock(loc: string, rl: Held & { id: string }, guard: Guard | null): boolean {
  if (guard && rl.id === guard.id) return true;
  if (!rl.exact) return false;
  const f = baseField(loc);
  if (f) return rl.id.startsWith(`field:${f.type}.`);
  return loc.startsWith('var:') && rl.id.startsWith('var:');
}

/**
 * Context-sensitive entry locks. A private helper's entry locks are the intersection
 * over all its call sites, but the goroutine contexts it runs in are the union of its
 * callers'. When the calls made in one goroutine context all hold a lock that calls from
 * another context do not (the goroutines reach the helper only under x.mu, the ordinary
 * flow through an exported method without it), the helper holds that lock in that
 * context. An access is split per group of contexts with the same locks.
 */
class ContextLocks {
  private readonly memo = new Map<string, Lockset>();

  split(a: Access, at: LockState | null): Access[] {
    if (a.fn.ctxs.size < 2 || !at) return [a];
    const groups = new Map<string, { locks: Lockset; ctxs: Set<Ctx> }>();
    for (const c of a.fn.ctxs) {
      const extra = this.extra(a.fn, c, 0);
      const locks = new Map(a.locks);
      for (const [id, h] of extra) if (!at.released.has(id) && !locks.has(id)) locks.set(id, h);
      const key = [...locks].map(([id, h]) => `${id}:${h.mode}`).sort().join('|');
      const g = groups.get(key);
      if (g) g.ctxs.add(c);
      else groups.set(key, { locks, ctxs: new Set([c]) });
    }
    if (groups.size === 1) return [a];
    return [...groups.values()].map((g) => ({ ...a, locks: g.locks, ctxs: g.ctxs }));
  }

  /** Locks held on entry to f when it runs in context c, beyond f.entry. */
  private extra(f: FnInfo, c: Ctx, depth: number): Lockset {
    const k = `${f.key}|${c}`;
    const m = this.memo.get(k);
    if (m) return m;
    this.memo.set(k, new Map()); // recursion: nothing beyond f.entry
    let out: Lockset = new Map();
    if (depth < 20) {
      if (f.node.type === T.funcLit) {
        if (f.hosted && f.parent && f.lit && f.lit.how !== 'go' && f.lit.how !== 'defer' && f.rootOf.length === 0) {
          const released = f.lit.at.released;
          out = new Map([...this.extra(f.parent, c, depth + 1)].filter(([id]) => !released.has(id) && !f.entry.has(id)));
        }
      } else if (isPrivateHelper(f) && !f.assumed) {
        let acc: Lockset | null = null;
        for (const s of f.sites) {
          if (s.unknown || s.caller.assumed || !s.caller.ctxs.has(c)) continue;
          const ce = new Map([...s.caller.entry, ...this.extra(s.caller, c, depth + 1)]);
          let l = effective(ce, s.at);
          if (s.extra) l = new Map([...l, ...[...s.extra].filter(([id]) => !id.startsWith('param:'))]);
          acc = acc ? intersect(acc, l) : l;
        }
        if (acc) out = new Map([...acc].filter(([id]) => !f.entry.has(id)));
      }
    }
    this.memo.set(k, out);
    return out;
  }
}


/** Per function: where a map-valued expression is assigned a new map (`x.m = map[K]V{}`, `= make(...)`). */
class FreshMaps {
  private readonly memo = new Map<FnInfo, Array<{ text: string; pos: number }>>();

  after(fn: FnInfo, map: Node, pos: number): boolean {
    let list = this.memo.get(fn);
    if (!list) {
      list = [];
      const body = field(fn.node, 'body');
      if (body) for (const st of descendantsOf(body, [T.assignment, T.shortVarDecl])) {
        const left = listItems(field(st, 'left'));
        const right = listItems(field(st, 'right'));
        if (left.length !== right.length) continue;
        left.forEach((l, i) => { if (isNewMap(right[i]!)) list!.push({ text: unparen(l).text, pos: st.endIndex }); });
      }
      this.memo.set(fn, list);
    }
    const m = unparen(map);
    if (m.type !== T.selectorExpr) return false; // a field replaced by a new map (copy-on-write), not a local
    return list.some((x) => x.text === m.text && x.pos <= pos);
  }
}

function isNewMap(e: Node): boolean {
  const u = unparen(e);
  if (u.type === T.compositeLit) return true;
  if (u.type !== T.callExpr) return false;
  const f = field(u, 'function');
  return f?.type === T.identifier && f.text === 'make';
}

/**
 * An access through a receiver or parameter that every in-package invocation binds to
 * an object its caller has just created (a constructor's helper, before publication).
 */
/**
 * Both accesses go through one variable (a receiver, parameter or local) of the function
 * whose flow starts root r, and r is a function literal written there that captures it:
 * the goroutine and that flow use the same value. `a` is the goroutine's access: it must
 * be written inside the literal, where the name is the captured variable; the same name
 * in a body the goroutine reaches through calls (the spawning function entered again,
 * recursively) is another activation's variable, bound to whatever that call passed.
 */
function capturedTogether(prog: Program, a: Access, b: Access, r: Root): boolean {
  const ia = baseIdent(a.map);
  const ib = baseIdent(b.map);
  if (!ia || !ib || !r.spawner || r.target.node.type !== T.funcLit || !within(a.map, r.target.node)) return false;
  const da = prog.oracle.resolver.resolve(ia);
  const db = prog.oracle.resolver.resolve(ib);
  if (!da?.node || !db?.node || da.node.id !== db.node.id || da.node.tree !== db.node.tree) return false;
  if (da.kind !== 'var' && da.kind !== 'param' && da.kind !== 'receiver') return false;
  const spawner = r.spawner.host.node;
  return declaredInFlow(da.node, spawner) && within(r.target.node, spawner) && !perIteration(da.node, r.site, spawner);
}

function builtByCallers(prog: Program, map: Node, loc: string, spawners: Set<FnInfo>, host: Node): boolean {
  if (!loc.startsWith('field:')) return false;
  const base = baseIdent(map);
  return !!base && freshIdent(prog, base, spawners, 0, host);
}

/** Whether a function takes the lock somewhere in its own flow (directly or through a same-package call). */
function takesGuard(fn: FnInfo, id: string): boolean {
  const f = fn.facts;
  if (f.exitRaw.released.has(id) || f.exitRaw.held.has(id)) return true;
  const points: Array<{ at: LockState }> = [...f.accesses, ...f.calls, ...f.lits, ...f.chans];
  return points.some((p) => p.at.held.has(id) || p.at.released.has(id));
}
