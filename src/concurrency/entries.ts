// Locks held on entry to each function: literals inherit the state where they are
// created (deferred ones the state when they run, after the defers registered later),
// private helpers the intersection over their call sites, callbacks the locks their
// helper holds when it calls them, and methods what their doc comment requires.
import type { Node } from 'web-tree-sitter';
import { receiverBase } from '../package.js';
import { T, blockStatements, descendantsOf, enclosingFunction, field, isPrivateFuncName, treeText, unparen } from '../syntax.js';
import { callArgs } from './accesses.js';
import type { FnFacts } from './facts.js';
import { EMPTY_LOCKSET, applyEffect, effective, intersect, release, sameLockset } from './lockstate.js';
import type { LockState, Lockset } from './lockstate.js';
import { baseIdent, freshIdent, receiverOf } from './fresh.js';
import type { CallSite, FnInfo, Program } from './program.js';

/** Lock state when the deferred call at `index` runs: the body's exit, then the defers registered after it (LIFO). */
export function deferState(f: FnFacts, index: number, effect: (fn: Node) => LockState | null): LockState {
  let s = f.exitRaw;
  for (let i = f.defers.length - 1; i > index; i--) {
    const d = f.defers[i]!;
    if (d.kind === 'unlock' && d.id) { if (s.held.has(d.id)) s = release(s, d.id); }
    else if (d.kind === 'fn' && d.fn) { const eff = effect(d.fn); if (eff) s = applyEffect(s, eff); }
  }
  return s;
}

/** Locks held on entry: literals inherit their creation point; private helpers the intersection of their call sites. */
export function computeEntries(prog: Program, effect: (fn: Node) => LockState | null): void {
  const top = new Map<FnInfo, Lockset | null>();
  // What the rounds below ask of a function or a call site does not change between rounds: asked once.
  const isHelper = askedOnce(isPrivateHelper);
  const ownOf = askedOnce(ownLockPrefix);
  // A call site belongs to one callee's list: the site alone decides the answer.
  const builds = askedOnce((s: CallSite, f: FnInfo) => constructionSite(prog, f, s, spawners));
  const ordered = [...prog.fns.values()].sort((a, b) => a.node.startIndex - b.node.startIndex);
  const declared = new Map<FnInfo, Lockset>();
  for (const f of ordered) { const d = declaredHeld(prog, f); if (d) declared.set(f, d); }
  for (const f of ordered) top.set(f, isHelper(f) || f.node.type === T.funcLit ? null : declared.get(f) ?? EMPTY_LOCKSET);
  markAssumed(ordered);
  const spawners = new Set(prog.roots.map((r) => r.spawner?.host).filter((h): h is FnInfo => !!h));
  for (let round = 0; round < 12; round++) {
    let changed = false;
    for (const f of ordered) {
      let next: Lockset | null = top.get(f) ?? null;
      const own = ownOf(f);
      if (f.node.type === T.funcLit && f.lit?.how === 'value' && f.rootOf.length === 0 && f.sites.length > 0 && f.sites.every((s) => !s.unknown && s.caller === f.parent)) {
        // `check := func() {...}` called only by name in the function that defines it: the
        // locks held at every one of those calls (like a private helper).
        let acc: Lockset | null = null;
        const pe = f.parent ? top.get(f.parent) : null;
        if (pe === null || pe === undefined) continue;
        for (const s of f.sites) { const l = effective(pe, s.at); acc = acc ? intersect(acc, l) : l; }
        next = acc;
      } else if (f.node.type === T.funcLit) {
        if (f.rootOf.length > 0 || !f.parent || !f.lit || f.lit.how === 'go') next = EMPTY_LOCKSET;
        else {
          const pe = top.get(f.parent);
          if (pe === null || pe === undefined) continue;
          const at = f.lit.how === 'defer' ? deferState(f.parent.facts, f.lit.deferIndex, effect) : f.lit.at;
          next = effective(pe, at);
          if (f.lit.how === 'arg' && f.lit.call) next = withCallbackLocks(prog, next, f.lit.call, f.node);
        }
      } else if (isHelper(f)) {
        let acc: Lockset | null = null;
        const built: Lockset[] = [];
        for (const s of f.sites) {
          if (s.unknown || s.caller.assumed) continue;
          const ce = top.get(s.caller);
          if (ce === null || ce === undefined) continue;
          let l = effective(ce, s.at);
          if (s.extra) l = new Map([...l, ...[...s.extra].filter(([id]) => !id.startsWith('param:'))]);
          if (own && builds(s, f)) { built.push(l); continue; }
          acc = acc ? intersect(acc, l) : l;
        }
        // A call on a value its caller is still building holds the value's own locks in
        // effect (nothing else can see it yet): only the other locks weaken the entry.
        for (const l of built) {
          const lifted = new Map(l);
          for (const [id, h] of acc ?? []) if (id.startsWith(own!) && !lifted.has(id)) lifted.set(id, h);
          acc = acc ? intersect(acc, lifted) : lifted;
        }
        if (!acc) continue;
        const d = declared.get(f);
        next = d ? new Map([...acc, ...d]) : acc;
      }
      const prev = top.get(f);
      if (next && (!prev || !sameLockset(prev, next))) { top.set(f, next); changed = true; }
    }
    if (!changed) break;
  }
  for (const f of ordered) f.entry = top.get(f) ?? EMPTY_LOCKSET;
}

/** `f`, answering each first argument once (the answer must depend on nothing else). */
function askedOnce<K, V, A extends unknown[]>(f: (k: K, ...rest: A) => V): (k: K, ...rest: A) => V {
  const answers = new Map<K, V>();
  return (k, ...rest) => {
    if (answers.has(k)) return answers.get(k)!;
    const v = f(k, ...rest);
    answers.set(k, v);
    return v;
  };
}

/** A named, unexported function with in-package callers, not a goroutine body: its entry locks come from its call sites. */
export function isPrivateHelper(f: FnInfo): boolean {
  if (f.node.type === T.funcLit || f.rootOf.length > 0 || f.once || f.sites.length === 0) return false;
  return isPrivateFuncName(field(f.node, 'name')?.text ?? '');
}

/** `field:T.` for a method of T: the prefix of the lock ids of the receiver's own mutexes. */
function ownLockPrefix(f: FnInfo): string | null {
  if (f.node.type !== T.methodDecl) return null;
  const t = receiverBase(f.node)?.name;
  return t ? `field:${t}.` : null;
}

/**
 * A direct call of method f on a value its caller has just built and not yet handed to
 * anything that could run concurrently (`lm := newLeaseManager(...); lm.addRef(...)`,
 * `ret := &Store{...}; ret.restore()` and restore's callback calling `a.addToMap(...)`):
 * the receiver is bound to a fresh local of a caller that starts no goroutine, directly or
 * through receivers and parameters every in-package call binds so (as construction).
 */
function constructionSite(prog: Program, f: FnInfo, s: CallSite, spawners: Set<FnInfo>): boolean {
  const inv = f.invocations.find((i) => i.direct && i.caller === s.caller && i.call.startIndex === s.pos);
  const recv = inv ? receiverOf(inv.call) : null;
  const base = recv && unparen(recv).type !== T.callExpr ? baseIdent(recv) : null;
  return !!base && !spawners.has(s.caller.host) && freshIdent(prog, base, spawners, 0, s.caller.host.node);
}

/**
 * `withLock(mu, func() {...})`: a literal passed to a same-package function runs
 * with the locks that function holds wherever it calls that parameter; locks taken
 * on the function's own Locker parameters are mapped to the caller's arguments.
 */
function withCallbackLocks(prog: Program, base: Lockset, call: Node, lit: Node): Lockset {
  const fnExpr = field(call, 'function');
  const callee = fnExpr ? prog.calls.target(fnExpr) : null;
  const info = callee ? prog.info(callee) : undefined;
  if (!info) return base;
  const args = callArgs(call);
  const j = args.findIndex((a) => a.id === lit.id);
  const at = info.facts.paramCalls.filter((c) => c.index === j);
  if (j < 0 || at.length === 0) return base;
  let held: Lockset | null = null;
  for (const c of at) held = held ? intersect(held, c.at.held) : c.at.held;
  const out = new Map(base);
  const prefix = `param:${info.key}:`;
  for (const [id, h] of held!) {
    if (!id.startsWith(prefix)) { out.set(id, h); continue; }
    const arg = args[Number(id.slice(prefix.length))];
    const l = arg ? prog.ids.lockLoc(arg) : null;
    if (l) out.set(l.id, { mode: h.mode, name: l.name, node: arg, exact: l.exact });
  }
  return out;
}

/**
 * A method whose doc comment says that one of its receiver's mutexes must be held
 * ("r.mu should be held", "called with mu locked") is analysed with that lock held:
 * the comment states its callers' duty.
 */
function declaredHeld(prog: Program, f: FnInfo): Lockset | null {
  if (f.node.type !== T.methodDecl) return null;
  const recv = receiverBase(f.node);
  if (!recv) return null;
  const doc: string[] = [];
  for (let c = f.node.previousSibling; c && c.type === T.comment; c = c.previousSibling) doc.push(c.text);
  const text = doc.join('\n');
  if (!/\b(held|holds|holding|locked)\b/i.test(text)) return null;
  const info = prog.oracle.pkg.types.get(recv.name);
  if (!info) return null;
  const u = prog.oracle.underlying(prog.oracle.typeFromNode(info.typeNode));
  if (u.kind !== 'struct') return null;
  const recvName = recv.param ? field(recv.param, 'name')?.text ?? '' : '';
  const out = new Map<string, { mode: 'w'; name: string; exact: boolean }>();
  for (const fl of u.fields) {
    if (!prog.ids.isMutexType(fl.type) || !new RegExp(`\\b${fl.name}\\b`).test(text)) continue;
    out.set(`field:${recv.name}.${fl.name}`, { mode: 'w', name: recvName ? `${recvName}.${fl.name}` : fl.name, exact: fl.type.kind !== 'pointer' });
  }
  return out.size ? out : null;
}

/** `fooLocked`, `fooNoLock`: named for being called with the lock held. */
const LOCKED_NAME = /^(?!is[A-Z_]|Is[A-Z_]|has[A-Z_]|Has[A-Z_]).*[a-z0-9](Locked|_locked|NoLock|Nolock|WithLock|UnderLock|LockHeld)$|^locked[A-Z_]/;
/** Doc comments stating the caller's duty to hold a lock. */
const HELD_DOC = /must be called with|must be held|should be held|needs? to be held|(is|are) (assumed )?held|assumes? .{0,40}\b(lock|held|locked)|caller (must )?holds?|callers? must hold|held (on|at) entry|holding the lock|with .{0,30}\b(held|locked)\b|lock(s)? held/i;

/**
 * Doc comments stating that the function runs in a phase of its own, when no other
 * goroutine uses the value: "called after all workers have finished", "must not be
 * called concurrently", "not during the parallel phase", "before any goroutine starts".
 */
const PHASE_DOC = /\b(called|run|invoked)\b[^.;]{0,40}\bafter all\b|\b(must|should|may|can|is|are)\s?(not|never)\b[^.;]{0,30}\b(concurrent(ly)?|in parallel|during (the )?(parallel|concurrent))\b|\bbefore any (other )?goroutines?\b/i;

/**
 * Functions whose entry locks are assumed rather than known (their accesses are not
 * judged): named or documented as called with the lock held, or as running in a phase
 * when no other goroutine uses the value; unexported functions with
 * no direct in-package call (reached through interfaces or function values, from
 * callers whose locks are unknown); and, transitively, helpers every caller of which
 * is assumed, and literals run in an assumed function's flow.
 */
function markAssumed(ordered: FnInfo[]): void {
  for (const f of ordered) {
    if (f.node.type === T.funcLit) continue;
    const name = field(f.node, 'name')?.text ?? '';
    const doc = docComment(f.node);
    if (LOCKED_NAME.test(name) || HELD_DOC.test(doc) || PHASE_DOC.test(doc)) { f.assumed = true; continue; }
    if (isPrivateFuncName(name) && f.rootOf.length === 0 && !f.once && f.sites.length === 0 && f.invocations.length === 0) f.assumed = true;
  }
  markLifecycle(ordered);
  propagateAssumed(ordered);
}

/**
 * Lifecycle phases, when no other goroutine uses the receiver (as RacerD treats
 * constructors), judged by what the method does:
 * - it initialises the receiver: it assigns one of the receiver's fields a new map
 *   (`r.m = make(...)`, `r.m = map[K]V{}`) and takes no lock anywhere in its flow, so
 *   the field itself would race if the value were shared then; and so is a method that
 *   calls such an initialiser on its own receiver (`r.populate()` inside `r.open()`);
 * - it tears the receiver down after waiting for its background work: a method named
 *   Close, Shutdown or Stop (any case) whose body, at its top level, calls a
 *   zero-argument method whose name ends in `Wait` (`wg.Wait()`, `closer.SignalAndWait()`):
 *   the work it waited for is what used the receiver concurrently.
 * Their accesses are not judged, and their calls do not weaken the locks a helper is
 * known to be called with elsewhere.
 */
function markLifecycle(ordered: FnInfo[]): void {
  const init = new Set<FnInfo>();
  for (const f of ordered) {
    if (f.assumed || f.node.type !== T.methodDecl) continue;
    const recv = receiverName(f.node);
    const body = field(f.node, 'body');
    if (!recv || !body) continue;
    if (!takesLocks(f) && assignsNewMapToField(body, recv)) init.add(f);
    else if (/^(close|shutdown|stop)$/i.test(field(f.node, 'name')?.text ?? '') && waitsAtTop(body)) f.assumed = true;
  }
  // Methods that call an initialiser on their own receiver initialise it too.
  const stack = [...init];
  while (stack.length) {
    const g = stack.pop()!;
    g.assumed = true;
    for (const inv of g.invocations) {
      const caller = inv.caller.host;
      if (!inv.direct || init.has(caller) || caller.node.type !== T.methodDecl) continue;
      const recv = receiverName(caller.node);
      const fnExpr = field(inv.call, 'function');
      const u = fnExpr ? unparen(fnExpr) : null;
      const operand = u?.type === T.selectorExpr ? field(u, 'operand') : null;
      if (!recv || !operand || unparen(operand).text !== recv || takesLocks(caller)) continue;
      init.add(caller);
      stack.push(caller);
    }
  }
}

function receiverName(method: Node): string | null {
  const param = receiverBase(method)?.param;
  return (param ? field(param, 'name')?.text : null) ?? null;
}

/** Whether a function holds or releases any lock at any point of its own flow. */
function takesLocks(f: FnInfo): boolean {
  const x = f.facts;
  if (x.exitRaw.held.size > 0 || x.exitRaw.released.size > 0) return true;
  const points: Array<{ at: LockState }> = [...x.accesses, ...x.calls, ...x.lits, ...x.chans];
  return points.some((p) => p.at.held.size > 0 || p.at.released.size > 0);
}

/** `recv.f = make(map...)` or `recv.f = map[K]V{...}` in the body (not in a literal). */
function assignsNewMapToField(body: Node, recv: string): boolean {
  // Neither shape can be written without the word `map` in the body.
  const text = treeText(body);
  if (text !== undefined && !text.slice(body.startIndex, body.endIndex).includes('map')) return false;
  for (const st of descendantsOf(body, [T.assignment])) {
    if (enclosingFunction(st)?.type === T.funcLit) continue;
    const left = field(st, 'left')?.namedChildren ?? [];
    const right = field(st, 'right')?.namedChildren ?? [];
    for (let i = 0; i < left.length && i < right.length; i++) {
      const l = unparen(left[i]!);
      const op = l.type === T.selectorExpr ? field(l, 'operand') : null;
      if (!op || unparen(op).text !== recv) continue;
      const r = unparen(right[i]!);
      if (r.type === T.compositeLit && field(r, 'type')?.type === T.mapType) return true;
      if (r.type === T.callExpr && field(r, 'function')?.text === 'make' && field(r, 'arguments')?.namedChildren[0]?.type === T.mapType) return true;
    }
  }
  return false;
}

/** A top-level statement of the body calls a zero-argument method named `...Wait`. */
function waitsAtTop(body: Node): boolean {
  for (const st of blockStatements(body)) {
    if (st.type !== T.exprStatement) continue;
    const call = st.namedChildren[0] ? unparen(st.namedChildren[0]) : null;
    if (call?.type !== T.callExpr || (field(call, 'arguments')?.namedChildren.length ?? 0) > 0) continue;
    const fn = field(call, 'function');
    const u = fn ? unparen(fn) : null;
    if (u?.type === T.selectorExpr && /Wait$/.test(field(u, 'field')?.text ?? '')) return true;
  }
  return false;
}

/**
 * Helpers every call of which comes from an assumed function, or from one that locks
 * depending on a flag parameter, are assumed too; so are literals run in their flow.
 */
export function propagateAssumed(ordered: Iterable<FnInfo>): void {
  const list = [...ordered];
  const unknownCaller = (c: FnInfo) => c.assumed || c.flagLocked;
  for (let round = 0; round < 20; round++) {
    let changed = false;
    for (const f of list) {
      if (f.assumed) continue;
      if (f.node.type === T.funcLit) {
        if (f.rootOf.length === 0 && f.parent && unknownCaller(f.parent) && f.hosted) { f.assumed = true; changed = true; }
        continue;
      }
      const name = field(f.node, 'name')?.text ?? '';
      if (!isPrivateFuncName(name) || f.rootOf.length > 0 || f.once || f.sites.length === 0) continue;
      // Recursive calls do not count: they run with whatever their first caller held.
      const outside = f.sites.filter((s) => s.caller !== f && s.caller.host !== f);
      if (outside.length > 0 && outside.every((s) => s.unknown || unknownCaller(s.caller))) { f.assumed = true; changed = true; }
    }
    if (!changed) break;
  }
}

/** The comment lines right above a declaration. */
export function docComment(n: Node): string {
  const doc: string[] = [];
  for (let c = n.previousSibling; c && c.type === T.comment; c = c.previousSibling) doc.push(c.text);
  // Collected bottom-up: reverse, so that a sentence that spans lines reads in order.
  return doc.reverse().join('\n');
}
