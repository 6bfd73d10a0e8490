// The concurrency model of a package, computed once: every function body walked for
// locksets, goroutine roots, the in-package call graph, the execution contexts each
// function runs in (the non-goroutine "main" context, init/once, or a root); the locks
// held on entry come from entries.ts.
import type { Node } from 'web-tree-sitter';
import { typesAnalysis } from '../engine.js';
import type { Analysis } from '../rule.js';
import type { TypeOracle } from '../types.js';
import { receiverBase } from '../package.js';
import { T, descendantsInDecls, field, isPrivateFuncName, namedChildrenNoComments, unparen } from '../syntax.js';
import { CallResolver } from './callgraph.js';
import { Identities } from './identity.js';
import { EMPTY_LOCKSET, effective, intersect } from './lockstate.js';
import { callArgs } from './accesses.js';
import type { GoType } from '../types.js';
import type { LockState, Lockset } from './lockstate.js';
import { RootClassifier } from './roots.js';
import type { RootKind } from './roots.js';
import { computeEntries, deferState, propagateAssumed } from './entries.js';
import { walkFunction } from './walker.js';
import { isStdPackage } from '../unsafe/analysis.js';
import { CONCURRENCY_IMPORTS, CONCURRENCY_TEXT, contextAfterFunc } from '../triggers.js';
import { Mentions } from '../words.js';

/** How deep callee summaries may nest inside one walk (see `effect` below). */
const MAX_EFFECT_DEPTH = 64;
import type { FnFacts, LitRec } from './facts.js';

/** An execution context: the ordinary flow, initialisation (init, once.Do), or a root by index. */
export type Ctx = 'main' | 'init' | number;

export interface Root {
  id: number;
  kind: RootKind;
  target: FnInfo;
  /** The go statement, registration call, or the function itself. */
  site: Node;
  /** The function whose flow starts the root (null for ServeHTTP methods and parallel tests). */
  spawner: FnInfo | null;
  pos: number;
  loops: number[];
  /** Runs as many instances at once (started in a loop, a handler, a parallel subtest). */
  multi: boolean;
  /** Started in a _test.go file: it races only on locations local to the test. */
  test: boolean;
}

export interface CallSite {
  caller: FnInfo; at: LockState; pos: number; loops: number[];
  /** A function passed as a value to a same-package function that stores or wraps it: the locks where it runs are unknown. */
  unknown?: boolean;
  /** Locks the receiving function holds wherever it calls the callback (a function passed as a value). */
  extra?: Lockset;
}

export interface FnInfo {
  node: Node;
  key: string;
  facts: FnFacts;
  /** For literals: the enclosing function and how the literal is used there. */
  parent: FnInfo | null;
  lit: LitRec | null;
  /** The function whose flow this body runs in (itself unless a literal run synchronously or deferred). */
  host: FnInfo;
  /** Runs as a deferred call of its host. */
  deferred: boolean;
  /** A literal that runs in its parent's flow (called, deferred, or a synchronous callback). */
  hosted: boolean;
  entry: Lockset;
  ctxs: Set<Ctx>;
  /** Same-package call sites (direct calls, synchronous callbacks, deferred calls). */
  sites: CallSite[];
  /** Functions this one calls or runs synchronously. */
  edges: FnInfo[];
  rootOf: Root[];
  once: boolean;
  /** Every place this function is invoked from: direct calls, go statements, deferred calls, callbacks. */
  invocations: Invocation[];
  /**
   * The locks on entry are assumed, not known: the name or doc comment says the caller
   * holds the lock (`...Locked`, "must be called with"), or it is reached only through
   * interfaces, function values or callbacks whose callers' locks are unknown.
   */
  assumed: boolean;
  /**
   * Takes its lock or not depending on a parameter (`if !hasLock { mu.Lock() }`), and no
   * in-package call is known to pass the value that skips the lock without holding it.
   */
  flagLocked: boolean;
}

/** A call of a function: the receiver and arguments are known for direct calls and go statements. */
export interface Invocation { caller: FnInfo; call: Node; direct: boolean }

export interface Program {
  oracle: TypeOracle;
  ids: Identities;
  calls: CallResolver;
  fns: Map<string, FnInfo>;
  roots: Root[];
  info(fn: Node): FnInfo | undefined;
}


export const programAnalysis: Analysis<Program> = {
  name: 'concurrency-program',
  run(ctx) {
    const oracle = ctx.get(typesAnalysis);
    return buildProgram(oracle);
  },
};

function buildProgram(oracle: TypeOracle): Program {
  const pkg = oracle.pkg;
  const calls = new CallResolver(pkg, oracle);
  const ids = new Identities(oracle, { returnedExpr: (c) => calls.returnedExpr(c), paramArgument: (d) => calls.paramArgument(d) });
  const fns = new Map<string, FnInfo>();
  const prog: Program = { oracle, ids, calls, fns, roots: [], info: (n) => fns.get(calls.key(n)) };
  // The Go runtime synchronises with primitives of its own (runtime.lock, atomics, the
  // scheduler's invariants, single-threaded ports), none of which this model knows.
  if (isStdPackage(pkg, 'runtime')) return prog;
  const relevant = pkg.files.some((f) => f.imports.some((i) => CONCURRENCY_IMPORTS.test(i.path)) || contextAfterFunc(f.text) || descendantsInDecls(f.root, f.text, [T.goStatement], /\bgo\b/g).length > 0);
  if (!relevant) return prog;

  // Walk every function body once; callee effects are computed on demand.
  const facts = new Map<string, FnFacts | null>();
  const factsOf = (fn: Node): FnFacts | null => {
    const k = calls.key(fn);
    if (facts.has(k)) return facts.get(k) ?? null;
    facts.set(k, null);
    const f = walkFunction(fn, env);
    facts.set(k, f);
    return f;
  };
  // A callee's lock effect is computed on demand, nested inside its caller's walk; past
  // MAX_EFFECT_DEPTH nested walks (a call chain thousands deep) the effect is unknown
  // instead of overflowing the stack. The callee is still walked later, from the work list.
  let effectDepth = 0;
  const effect = (fn: Node) => {
    if (effectDepth >= MAX_EFFECT_DEPTH) return null;
    effectDepth++;
    try {
      return factsOf(fn)?.exit ?? null;
    } finally {
      effectDepth--;
    }
  };
  const env = { oracle, ids, target: (e: Node, full?: boolean) => calls.target(e, full), effect };
  // Walk only the functions that can matter: those that start goroutines, take locks or
  // serve HTTP, methods of types that hold a mutex, and everything they call or contain.
  const lockTypes = lockHoldingTypes(oracle, ids);
  // Callers of getters that hand out a lock-holding type's map use it after the unlock.
  const getters = [...lockTypes].flatMap((t) => [...(pkg.methods.get(t)?.values() ?? [])])
    .filter((m) => /^map\[/.test(field(m.node, 'result')?.text ?? '')).map((m) => m.name);
  const getterCall = getters.length ? new RegExp(`\\.(${getters.join('|')})\\(`) : null;
  const tops: Node[] = [];
  for (const file of pkg.files) for (const top of namedChildrenNoComments(file.root)) if (top.type === T.funcDecl || top.type === T.methodDecl) tops.push(top);
  const work: Node[] = [];
  for (const top of tops) {
    const recv = top.type === T.methodDecl ? receiverBase(top)?.name : undefined;
    if ((recv && lockTypes.has(recv)) || CONCURRENCY_TEXT.test(top.text) || getterCall?.test(top.text)) work.push(top);
  }
  const sharedTypes = new Set<string>();
  const walkOrder: FnInfo[] = [];
  const walk = () => { while (work.length) {
    const n = work.pop()!;
    const k = calls.key(n);
    if (fns.has(k)) continue;
    const f = factsOf(n)!;
    const info: FnInfo = { node: n, key: k, facts: f, parent: null, lit: null, host: null as unknown as FnInfo, deferred: false, hosted: false, entry: EMPTY_LOCKSET, ctxs: new Set(), sites: [], edges: [], rootOf: [], once: false, invocations: [], assumed: false, flagLocked: false };
    info.host = info;
    fns.set(k, info);
    walkOrder.push(info);
    for (const l of f.lits) work.push(l.lit);
    for (const c of f.calls) work.push(c.callee);
    for (const g of f.gos) if (g.target) work.push(g.target);
    for (const d of f.defers) if (d.fn) work.push(d.fn);
    // Types shared with goroutines: a method or constructor of theirs starts one.
    if (f.gos.length > 0) {
      const recv = n.type === T.methodDecl ? receiverBase(n)?.name : undefined;
      if (recv) sharedTypes.add(recv);
      const result = field(n, 'result');
      if (result) for (const t of pkg.types.keys()) if (new RegExp(`\\b${t}\\b`).test(result.text)) sharedTypes.add(t);
      for (const g of f.gos) if (g.target?.type === T.methodDecl) { const r = receiverBase(g.target)?.name; if (r) sharedTypes.add(r); }
    }
  } };
  // The callers of the package's own unexported functions are walked too: without their
  // call sites a helper looks reached only through function values (its entry locks
  // unknown, its accesses not judged), and a goroutine a helper starts runs in no context.
  // Only where it matters: functions that touch a map or start goroutines (their own
  // literals included), and, up the chain, the callers walked for them.
  const matters = (f: FnFacts) => f.accesses.length > 0 || f.deferredAccesses.length > 0 || f.gos.length > 0;
  const chain = new Set<string>();
  const asked = new Set<string>();
  // Asked for in rounds, each round only about what changed (the functions walked since the
  // last round, and those that joined the chain), with the bodies' words indexed once: a
  // call chain n deep takes n rounds, and rounds that looked at every function made it
  // quadratic.
  const mentions = new Mentions<number>(
    () => tops.flatMap((top, item) => { const body = field(top, 'body'); if (!body) return []; const text = body.text; return [{ item, text, from: 0, to: text.length - 1 }]; }),
    () => new Set(tops.map((top) => field(top, 'name')?.text ?? '').filter(isPrivateFuncName)),
  );
  let considered = 0;
  let rechain: FnInfo[] = [];
  for (;;) {
    walk();
    // Exported methods of a type shared with goroutines may run concurrently with them.
    for (const t of sharedTypes) for (const m of pkg.methods.get(t)?.values() ?? []) if (/^[A-Z]/.test(m.name) && !fns.has(calls.key(m.node))) work.push(m.node);
    const fresh: string[] = [];
    let grew = false;
    const candidates = [...walkOrder.slice(considered), ...rechain];
    considered = walkOrder.length;
    rechain = [];
    for (const info of candidates) {
      if (info.node.type === T.funcLit) continue;
      const name = field(info.node, 'name')?.text;
      if (!name || !isPrivateFuncName(name) || asked.has(name)) continue;
      if (!chain.has(info.key) && !matters(info.facts) && !info.facts.lits.some((l) => { const c = fns.get(calls.key(l.lit)); return !!c && matters(c.facts); })) continue;
      asked.add(name);
      fresh.push(name);
    }
    if (fresh.length > 0) {
      for (const top of [...mentions.of(fresh)].sort((a, b) => a - b).map((i) => tops[i]!)) {
        const k = calls.key(top);
        if (chain.has(k)) continue;
        chain.add(k);
        grew = true;
        const walked = fns.get(k);
        if (walked) { asked.delete(field(top, 'name')?.text ?? ''); rechain.push(walked); } // walked already: its own callers are asked for next
        else work.push(top);
      }
    }
    if (work.length === 0 && !grew) break;
  }
  const get = (n: Node) => fns.get(calls.key(n));
  for (const info of fns.values()) for (const l of info.facts.lits) {
    const child = get(l.lit);
    if (child) { child.parent = info; child.lit = l; }
  }

  // Roots and edges.
  const classifier = new RootClassifier(oracle);
  const addRoot = (kind: RootKind, target: FnInfo, site: Node, spawner: FnInfo | null, pos: number, loops: number[]) => {
    const r: Root = { id: prog.roots.length, kind, target, site, spawner, pos, loops, multi: kind === 'handler' || kind === 'subtest', test: oracle.resolver.fileOf(site).isTest };
    prog.roots.push(r);
    target.rootOf.push(r);
  };
  const edge = (from: FnInfo, to: FnInfo, site: CallSite | null) => {
    if (!from.edges.includes(to)) from.edges.push(to);
    if (site) to.sites.push(site);
  };
  for (const info of fns.values()) {
    const f = info.facts;
    for (const g of f.gos) {
      const t = g.target ? get(g.target) : undefined;
      if (t) { addRoot('go', t, g.stmt, info, g.pos, g.loops); t.invocations.push({ caller: info, call: g.call, direct: true }); }
    }
    for (const c of f.calls) {
      const callee = get(c.callee);
      if (!callee) continue;
      callee.invocations.push({ caller: info, call: c.call, direct: !c.via });
      if (c.via) {
        const use = classifier.callbackUse(c.via, c.callee, callee.facts.parallel);
        if ('root' in use) { addRoot(use.root, callee, c.via, info, c.pos, c.loops); continue; }
        if ('once' in use) { callee.once = true; continue; }
      }
      edge(info, callee, { caller: info, at: c.at, pos: c.pos, loops: c.loops, ...(c.via ? callbackSite(prog, c.via, c.call, c.callee) : {}) });
    }
    for (const d of f.defers) {
      if (d.kind !== 'fn' || !d.fn || d.fn.type === T.funcLit) continue;
      const callee = get(d.fn);
      if (!callee) continue;
      callee.invocations.push({ caller: info, call: d.call, direct: true });
      edge(info, callee, { caller: info, at: deferState(f, d.index, env.effect), pos: info.node.endIndex, loops: [] });
    }
    for (const l of f.lits) {
      const child = get(l.lit);
      if (!child) continue;
      if (l.call && l.how !== 'go') child.invocations.push({ caller: info, call: l.call, direct: l.how === 'call' || l.how === 'defer' });
      if (l.how === 'go') continue;
      if (l.how === 'arg' && l.call) {
        const use = classifier.callbackUse(l.call, l.lit, child.facts.parallel);
        if ('root' in use) { addRoot(use.root, child, l.call, info, l.pos, l.loops); continue; }
        if ('once' in use) { child.once = true; continue; }
      }
      if (l.how === 'value' && classifier.isHandlerSignature(l.lit)) continue; // registered elsewhere
      child.hosted = true;
      edge(info, child, null);
    }
    if (classifier.isServeHTTP(info.node)) addRoot('handler', info, info.node, null, info.node.startIndex, []);
    if (classifier.isTestFunc(info.node) && info.facts.parallel) addRoot('parallel-test', info, info.node, null, info.node.startIndex, []);
  }
  shareTwinCalls(prog);
  for (const info of fns.values()) { info.host = hostOf(info); info.deferred = isDeferred(info); }

  // Contexts.
  const spread = (start: FnInfo, c: Ctx) => {
    const stack = [start];
    while (stack.length) {
      const f = stack.pop()!;
      if (f.ctxs.has(c)) continue;
      f.ctxs.add(c);
      for (const e of f.edges) stack.push(e);
    }
  };
  const incoming = new Set<FnInfo>();
  for (const info of fns.values()) for (const e of info.edges) incoming.add(e);
  for (const info of fns.values()) {
    if (info.node.type === T.funcLit) continue;
    const name = field(info.node, 'name')?.text ?? '';
    if (info.node.type === T.funcDecl && name === 'init') { spread(info, 'init'); continue; }
    if (info.once) continue;
    const exported = /^[A-Z]/.test(name) && !(info.rootOf.length > 0 && name === 'ServeHTTP');
    if (name === 'main' || exported || (!incoming.has(info) && info.rootOf.length === 0)) spread(info, 'main');
  }
  for (const info of fns.values()) if (info.once) spread(info, 'init');
  for (const r of prog.roots) spread(r.target, r.id);

  // Roots that run many instances at once.
  for (let round = 0; round < 3; round++) {
    for (const r of prog.roots) {
      if (r.multi || !r.spawner) continue;
      const ctxs = new Set([...r.spawner.ctxs, ...r.spawner.host.ctxs]);
      // Started in a loop, by itself (recursively), or from code that runs many instances.
      if (r.loops.length > 0 || ctxs.has(r.id) || [...ctxs].some((c) => typeof c === 'number' && prog.roots[c]!.multi)) r.multi = true;
    }
  }

  computeEntries(prog, env.effect);
  for (const info of fns.values()) if (info.facts.flagLock) info.flagLocked = !flagSkippedUnlocked(info);
  propagateAssumed(fns.values());
  return prog;
}

function hostOf(info: FnInfo): FnInfo {
  let h = info;
  for (let i = 0; i < 100 && h.hosted && h.parent; i++) h = h.parent;
  return h;
}

function isDeferred(info: FnInfo): boolean {
  for (let h: FnInfo | null = info, i = 0; h && h.hosted && i < 100; h = h.parent, i++) if (h.lit?.how === 'defer') return true;
  return false;
}

/** Named struct types of the package with a lock field (named or embedded): sync.Mutex/RWMutex or any type named like one. */
function lockHoldingTypes(oracle: TypeOracle, ids: Identities): Set<string> {
  const out = new Set<string>();
  for (const [name, info] of oracle.pkg.types) {
    if (!/\b(RW)?Mutex\b|\bLocker\b/.test(info.typeNode.text)) continue;
    const u = oracle.underlying(oracle.typeFromNode(info.typeNode));
    if (u.kind === 'struct' && u.fields.some((f) => ids.isMutexType(f.type) || isLockTypeName(f.type))) out.add(name);
  }
  return out;
}

function isLockTypeName(t: GoType): boolean {
  const b = t.kind === 'pointer' ? t.elem : t;
  return b.kind === 'named' && /^(RW)?Mutex$|^Locker$/.test(b.name);
}

/**
 * A function passed as a value (`call(f)`): when `call` is a same-package function,
 * f runs with the locks held where that function calls its parameter; a function
 * that never calls it stores or wraps it, so where f runs is unknown.
 */
function callbackSite(prog: Program, via: Node, call: Node, callee: Node): Pick<CallSite, 'unknown' | 'extra'> {
  const fnExpr = field(via, 'function');
  const recv = fnExpr ? prog.calls.target(fnExpr) : null;
  const info = recv ? prog.info(recv) : undefined;
  if (!recv || !info) return {};
  const j = callArgs(call).findIndex((a) => prog.calls.target(a)?.id === callee.id);
  if (j < 0) return {};
  const at = info.facts.paramCalls.filter((c) => c.index === j);
  if (at.length === 0) return { unknown: true };
  let held: Lockset | null = null;
  for (const c of at) held = held ? intersect(held, c.at.held) : c.at.held;
  return held && held.size ? { extra: held } : {};
}

/**
 * Declarations of one name for different build configurations (`x_unix.go`,
 * `x_windows.go`): calls resolve to one of them, so the others share its callers.
 */
function shareTwinCalls(prog: Program): void {
  const pkg = prog.oracle.pkg;
  for (const info of prog.fns.values()) {
    if (info.node.type === T.funcLit) continue;
    const name = field(info.node, 'name')?.text ?? '';
    const recv = info.node.type === T.methodDecl ? receiverBase(info.node)?.name : undefined;
    const reg = recv ? pkg.methods.get(recv)?.get(name)?.node : pkg.funcs.get(name)?.node;
    if (!reg || reg === info.node || (reg.id === info.node.id && reg.tree === info.node.tree)) continue;
    const twin = prog.info(reg);
    if (!twin) continue;
    for (const site of twin.sites) {
      info.sites.push(site);
      if (!site.caller.edges.includes(info)) site.caller.edges.push(info);
    }
    info.invocations.push(...twin.invocations);
  }
}


/**
 * A call that passes the literal that skips the lock (`add(k, true)` for
 * `if !hasLock { mu.Lock() }`) from a caller that does not hold the lock itself.
 */
function flagSkippedUnlocked(info: FnInfo): boolean {
  const flag = info.facts.flagLock!;
  for (const inv of info.invocations) {
    if (!inv.direct || inv.caller.assumed) continue;
    const arg = callArgs(inv.call)[flag.index];
    const v = arg ? unparen(arg).text : '';
    if (v !== 'true' && v !== 'false' || (v === 'true') === flag.lockWhen) continue;
    const site = info.sites.find((s) => s.caller === inv.caller && s.pos === inv.call.startIndex);
    const held = site ? effective(inv.caller.entry, site.at) : EMPTY_LOCKSET;
    if (!flag.ids.some((id) => held.has(id))) return true;
  }
  return false;
}

