// The flow-sensitive lockset walk over one function body's structured AST (no CFG):
// locks taken and released (directly, by deferred unlocks, or by same-package
// callees' summarised effects), through branches (a join keeps what every
// non-terminating path holds), loops (intersection with the entry) and early
// returns. It records, with the lock state at each: map accesses, calls, function
// literals, go statements, defers, channel operations and waits.
import type { Node } from 'web-tree-sitter';
import { T, blockStatements, descendantsOf, field, listItems, namedChildrenNoComments, operatorOf, treeText, unparen } from '../syntax.js';
import { callAccesses, callArgs, isAssigned } from './accesses.js';
import { paramIndex } from './params.js';
import { receiverBase } from '../package.js';
import { EMPTY_STATE, acquire, applyEffect, meet, release } from './lockstate.js';
import type { LockState } from './lockstate.js';
import type { DeferRec, FnFacts, LitRec, Point, WalkEnv } from './facts.js';

const LOCK_OPS: Record<string, 'lock' | 'rlock' | 'unlock' | 'runlock'> = { Lock: 'lock', RLock: 'rlock', Unlock: 'unlock', RUnlock: 'runlock' };
const REGION_TYPES: readonly string[] = [T.indexExpr, T.callExpr, T.unaryExpr, T.funcLit];
const REGION_TYPES_MAP_FREE: readonly string[] = [T.callExpr, T.unaryExpr, T.funcLit];
const SERVE = /^(ListenAndServe|ListenAndServeTLS|Serve|ServeTLS|NewServer|NewTLSServer|Start|StartTLS)$/;
const FATAL = new Set(['Fatal', 'Fatalf', 'Fatalln', 'FailNow', 'Skip', 'Skipf', 'SkipNow', 'Exit', 'Goexit', 'Panic', 'Panicf', 'Panicln']);

export function walkFunction(fn: Node, env: WalkEnv): FnFacts {
  return new Walker(fn, env).run();
}

class Walker {
  private readonly f: FnFacts;
  private readonly loops: number[] = [];
  private readonly exits: LockState[] = [];
  private readonly paramNames: Set<string>;
  /** The body names no map (src/relevance.ts): no expression in it has a map type, so no access is looked for. */
  private readonly mapFree: boolean;

  constructor(private readonly fn: Node, private readonly env: WalkEnv) {
    this.mapFree = namesNoMap(fn, env);
    const params = field(fn, 'parameters');
    this.paramNames = new Set(params ? namedChildrenNoComments(params).flatMap((p) => p.childrenForFieldName('name').filter((n): n is Node => n !== null).map((n) => n.text)) : []);
    this.f = { node: fn, accesses: [], calls: [], lits: [], gos: [], defers: [], deferredAccesses: [], chans: [], waits: [], returns: [], exitRaw: EMPTY_STATE, exit: EMPTY_STATE, parallel: false, serves: [], paramCalls: [], flagLock: null };
  }

  run(): FnFacts {
    const body = field(this.fn, 'body');
    if (body) {
      const end = this.block(body, EMPTY_STATE);
      if (end) this.exits.push(end);
    }
    this.f.exitRaw = meet(this.exits) ?? EMPTY_STATE;
    let exit = this.f.exitRaw;
    for (const d of [...this.f.defers].reverse()) exit = this.runDefer(exit, d);
    this.f.exit = exit;
    return this.f;
  }

  /** Lock state after a deferred call runs. */
  runDefer(s: LockState, d: DeferRec): LockState {
    if (d.kind === 'unlock' && d.id) return s.held.has(d.id) ? release(s, d.id) : s;
    if (d.kind === 'fn' && d.fn) { const eff = this.env.effect(d.fn); return eff ? applyEffect(s, eff) : s; }
    return s;
  }

  private point(s: LockState, n: Node): Point {
    return { at: s, pos: n.startIndex, loops: [...this.loops] };
  }

  /**
   * Where an access of `map` happens, at `at` (the map expression, or the statement that
   * ranges over it): after the receive when the map is the value of one (`use(<-ch)`), which
   * a join by that receive precedes.
   */
  private accessPoint(s: LockState, map: Node, at: Node = map): Point {
    const u = unparen(map);
    return u.type === T.unaryExpr && operatorOf(u) === '<-' ? { at: s, pos: u.endIndex, loops: [...this.loops] } : this.point(s, at);
  }

  private block(b: Node, s: LockState): LockState | null {
    let cur: LockState | null = s;
    for (const st of blockStatements(b)) {
      if (!cur) break; // unreachable code
      cur = this.stmt(st, cur);
    }
    return cur;
  }

  private stmt(n: Node, s: LockState): LockState | null {
    const after = this.stmtInner(n, s);
    return after ? this.chanToken(n, after) : after;
  }

  /**
   * A channel used as a lock: a receive later followed by a send on the same channel in
   * this function (`s := <-h.state; ...; h.state <- s`, a token passed around), or a send
   * later followed by a receive (`sem <- struct{}{}; ...; <-sem`, a semaphore). The span
   * between the two holds `chan:<channel>`, which excludes only the same channel's span.
   * A semaphore of capacity above one admits several holders: the analysis cannot tell, and
   * stays silent.
   */
  private chanToken(n: Node, s: LockState): LockState {
    const type = n.type;
    if (type !== T.sendStatement && type !== T.exprStatement && type !== T.shortVarDecl && type !== T.assignment) return s;
    // Most statements hold no `<-`: one look at the text instead of walking their children.
    const src = treeText(n);
    if (src !== undefined) { const at = src.indexOf('<-', n.startIndex); if (at < 0 || at >= n.endIndex) return s; }
    let chan: Node | null = null;
    let op: 'send' | 'recv' | null = null;
    if (type === T.sendStatement) { chan = field(n, 'channel'); op = 'send'; }
    else {
      const right = type === T.exprStatement ? namedChildrenNoComments(n)[0] : listItems(field(n, 'right')).at(-1);
      const u = right ? unparen(right) : null;
      if (u?.type === T.unaryExpr && operatorOf(u) === '<-' && (type === T.exprStatement || listItems(field(n, 'right')).length === 1)) { chan = field(u, 'operand'); op = 'recv'; }
    }
    if (!chan || !op) return s;
    const text = unparen(chan).text;
    const id = `chan:${this.env.ids.loc(chan) ?? text}`;
    if (s.held.has(id)) return release(s, id);
    const body = field(this.fn, 'body');
    if (!body) return s;
    const pairs = op === 'recv'
      ? descendantsOf(body, [T.sendStatement]).some((x) => x.startIndex > n.endIndex && unparen(field(x, 'channel') ?? x).text === text)
      : descendantsOf(body, [T.unaryExpr]).some((x) => x.startIndex > n.endIndex && operatorOf(x) === '<-' && unparen(field(x, 'operand') ?? x).text === text);
    return pairs ? acquire(s, id, { mode: 'w', name: text, node: chan, exact: true }) : s;
  }

  private stmtInner(n: Node, s: LockState): LockState | null {
    switch (n.type) {
      case T.block: return this.block(n, s);
      case T.statementList: {
        let cur: LockState | null = s;
        for (const c of namedChildrenNoComments(n)) { if (!cur) break; cur = this.stmt(c, cur); }
        return cur;
      }
      case T.labeledStatement: {
        const inner = namedChildrenNoComments(n).find((c) => c.type !== T.labelName);
        return inner ? this.stmt(inner, s) : s;
      }
      case T.exprStatement: return this.exprStatement(n, s);
      case T.goStatement: return this.goStatement(n, s);
      case T.deferStatement: return this.deferStatement(n, s);
      case T.returnStatement: {
        this.region(n, s);
        const list = namedChildrenNoComments(n)[0];
        this.f.returns.push(list ? listItems(list) : []);
        this.exits.push(s);
        return null;
      }
      case T.continueStatement:
      case T.breakStatement:
      case T.gotoStatement:
        return null;
      case T.fallthroughStatement: return s;
      case T.ifStatement: return this.ifStatement(n, s);
      case T.forStatement: return this.forStatement(n, s);
      case T.exprSwitch:
      case T.typeSwitch: return this.switchStatement(n, s);
      case T.selectStatement: return this.selectStatement(n, s);
      case T.sendStatement: {
        this.region(n, s);
        const ch = field(n, 'channel');
        if (ch) this.f.chans.push({ ...this.point(s, n), kind: 'send', chan: ch, value: field(n, 'value') });
        return s;
      }
      default:
        this.region(n, s);
        return s;
    }
  }

  private exprStatement(n: Node, s: LockState): LockState | null {
    const e = namedChildrenNoComments(n)[0];
    const call = e ? unparen(e) : null;
    if (call?.type === T.callExpr) {
      const op = this.lockOp(call);
      if (op) {
        if (op.op === 'lock' || op.op === 'rlock') return acquire(s, op.id, { mode: op.op === 'lock' ? 'w' : 'r', name: op.name, node: op.node, exact: op.exact });
        return release(s, op.id);
      }
      this.region(n, s);
      if (this.isFatal(call)) return null;
      const target = this.env.target(field(call, 'function')!);
      if (target && target.id !== this.fn.id) {
        const eff = this.env.effect(target);
        if (eff) return applyEffect(s, this.ownInstance(call, target, eff, s));
      }
      return s;
    }
    this.region(n, s);
    return s;
  }

  /**
   * A method called on another value (`nm.add(x)` while holding `m.mu`) locks and unlocks
   * the mutex of that value, not the caller's: a release of a mutex field the caller holds
   * through a different expression (or holds on its own receiver from entry) is dropped.
   * When the two expressions may name the same value, the lock stays held (silence).
   */
  private ownInstance(call: Node, target: Node, eff: LockState, s: LockState): LockState {
    if (target.type !== T.methodDecl || eff.released.size === 0) return eff;
    const f = unparen(field(call, 'function')!);
    const operand = f.type === T.selectorExpr ? field(f, 'operand') : null;
    if (!operand) return eff;
    const callee = unparen(operand).text;
    const own = this.fn.type === T.methodDecl ? receiverBase(this.fn) : null;
    const ownName = own?.param ? field(own.param, 'name')?.text ?? null : null;
    const keep = new Set<string>();
    for (const id of eff.released) {
      if (!id.startsWith('field:')) continue; // package mutexes are one per package
      const h = s.held.get(id);
      let base: string | null = null;
      if (h?.node) {
        const n = unparen(h.node);
        base = n.type === T.selectorExpr ? unparen(field(n, 'operand')!).text : n.type === T.identifier ? n.text : null;
      } else if (!h && own && ownName && id.startsWith(`field:${own.name}.`)) base = ownName;
      if (base !== null && base !== callee) keep.add(id);
    }
    if (keep.size === 0) return eff;
    return { held: eff.held, released: new Set([...eff.released].filter((id) => !keep.has(id))) };
  }

  private goStatement(n: Node, s: LockState): LockState {
    const call = namedChildrenNoComments(n).find((c) => c.type === T.callExpr);
    if (!call) return s;
    const fnExpr = field(call, 'function');
    for (const a of callArgs(call)) this.region(a, s);
    const f = fnExpr ? unparen(fnExpr) : null;
    if (f && f.type !== T.funcLit) this.region(f, s); // receiver of a method value is evaluated here
    const target = f ? this.env.target(f, true) : null;
    this.f.gos.push({ ...this.point(s, n), stmt: n, call, target });
    if (f?.type === T.funcLit) this.f.lits.push({ ...this.point(s, n), lit: f, how: 'go', call, deferIndex: -1 });
    return s;
  }

  private deferStatement(n: Node, s: LockState): LockState {
    const call = namedChildrenNoComments(n).find((c) => c.type === T.callExpr);
    if (!call) return s;
    const index = this.f.defers.length;
    const op = this.lockOp(call);
    if (op) {
      if (op.op === 'unlock' || op.op === 'runlock') this.f.defers.push({ index, kind: 'unlock', id: op.id, call });
      return s;
    }
    for (const a of callArgs(call)) this.region(a, s);
    const fnExpr = field(call, 'function');
    const f = fnExpr ? unparen(fnExpr) : null;
    if (!f) return s;
    // `defer close(ch)`: the channel is closed when the function returns, after everything it did.
    if (f.type === T.identifier && f.text === 'close') {
      const d = this.env.oracle.resolver.resolve(f);
      const a = callArgs(call)[0];
      if (d?.kind === 'builtin' && !d.node && a) this.f.chans.push({ ...this.point(s, call), pos: this.fn.endIndex, kind: 'close', chan: a, value: null });
      return s;
    }
    const own = this.mapFree ? [] : callAccesses(call, this.env.oracle);
    if (own.length > 0) {
      this.f.defers.push({ index, kind: 'other', call });
      for (const a of own) this.f.deferredAccesses.push({ kind: a.kind, map: a.map, index, loops: [...this.loops] });
      return s;
    }
    if (f.type === T.funcLit) {
      this.f.defers.push({ index, kind: 'fn', fn: f, call });
      this.f.lits.push({ ...this.point(s, n), lit: f, how: 'defer', call, deferIndex: index });
      return s;
    }
    this.region(f, s);
    const target = this.env.target(f, true);
    if (target) this.f.defers.push({ index, kind: 'fn', fn: target, call });
    return s;
  }

  private ifStatement(n: Node, s: LockState): LockState | null {
    let cur: LockState | null = s;
    const init = field(n, 'initializer');
    if (init) cur = this.stmt(init, cur);
    if (!cur) return null;
    const cond = field(n, 'condition');
    if (cond) this.region(cond, cur);
    const cons = field(n, 'consequence');
    const alt = field(n, 'alternative');
    const a = cons ? this.block(cons, cur) : cur;
    const b = alt ? this.stmt(alt, cur) : cur;
    // `if !hasLock { mu.Lock() }`: whether the lock is held depends on the caller's flag.
    if (cond && a && b && !sameHeld(a, b) && !this.f.flagLock) {
      const flag = this.flagParam(cond);
      if (flag) {
        const taken = (x: LockState, y: LockState) => [...x.held.keys()].filter((id) => !y.held.has(id));
        const whenTrue = taken(a, b);
        this.f.flagLock = whenTrue.length > 0 ? { index: flag.index, lockWhen: !flag.negated, ids: whenTrue } : { index: flag.index, lockWhen: flag.negated, ids: taken(b, a) };
      }
    }
    return meet([a, b].filter((x): x is LockState => x !== null));
  }

  private forStatement(n: Node, s: LockState): LockState | null {
    let cur = s;
    const body = field(n, 'body');
    let cond: Node | null = null;
    let update: Node | null = null;
    let rangeOver: Node | null = null;
    for (const c of namedChildrenNoComments(n)) {
      if (c.type === T.forClause) {
        const init = field(c, 'initializer');
        if (init) cur = this.stmt(init, cur) ?? cur;
        cond = field(c, 'condition');
        update = field(c, 'update');
      } else if (c.type === T.rangeClause) {
        rangeOver = field(c, 'right');
      } else if (body && c.id !== body.id) {
        cond = c;
      }
    }
    if (rangeOver) {
      this.region(rangeOver, cur);
      if (!this.mapFree && this.env.oracle.isMap(rangeOver)) this.f.accesses.push({ ...this.accessPoint(cur, rangeOver, n), kind: 'iterate', map: rangeOver });
    }
    this.loops.push(n.id);
    const mark = this.marks();
    const once = this.loopBody(cond, body, update, cur);
    let entry = cur;
    if (once && !sameHeld(meet([cur, once])!, cur)) {
      // The body releases a lock it found held: walk it again from the weaker state.
      this.reset(mark);
      entry = meet([cur, once])!;
      this.loopBody(cond, body, update, entry);
    }
    this.loops.pop();
    if (rangeOver && this.isChan(rangeOver)) this.f.chans.push({ ...this.point(entry, n), pos: n.endIndex, kind: 'rangeDone', chan: rangeOver, value: null });
    if (!cond && !rangeOver && body && !hasBreak(body)) return null; // for {} without break
    return once ? meet([entry, once]) : entry;
  }

  private loopBody(cond: Node | null, body: Node | null, update: Node | null, s: LockState): LockState | null {
    if (cond) this.region(cond, s);
    const end = body ? this.block(body, s) : s;
    if (update && end) this.region(update, end);
    return end ?? s;
  }

  private switchStatement(n: Node, s: LockState): LockState | null {
    let cur: LockState | null = s;
    const init = field(n, 'initializer');
    if (init) cur = this.stmt(init, cur);
    if (!cur) return null;
    const value = field(n, 'value');
    if (value) this.region(value, cur);
    const outs: LockState[] = [];
    let hasDefault = false;
    for (const c of namedChildrenNoComments(n)) {
      if (c.type !== T.exprCase && c.type !== T.typeCase && c.type !== T.defaultCase) continue;
      if (c.type === T.defaultCase) hasDefault = true;
      if (c.type === T.exprCase) { const v = field(c, 'value'); if (v) this.region(v, cur); }
      let st: LockState | null = cur;
      for (const x of namedChildrenNoComments(c)) {
        if (x.type !== T.statementList) continue;
        st = this.stmt(x, st!);
        if (!st) break;
      }
      if (st) outs.push(st);
    }
    if (!hasDefault) outs.push(cur);
    return meet(outs);
  }

  private selectStatement(n: Node, s: LockState): LockState | null {
    const outs: LockState[] = [];
    for (const c of namedChildrenNoComments(n)) {
      if (c.type !== T.commCase && c.type !== T.defaultCase) continue;
      let st: LockState | null = s;
      const comm = field(c, 'communication');
      if (comm) st = this.stmt(comm, s);
      for (const x of namedChildrenNoComments(c)) {
        if (x.type !== T.statementList || !st) continue;
        st = this.stmt(x, st);
      }
      if (st) outs.push(st);
    }
    return meet(outs);
  }

  /** The function body's region nodes (one query per function), in document order with their byte ranges. */
  private index: { nodes: Node[]; types: string[]; starts: number[]; ends: number[] } | null = null;

  private regionNodes(r: Node): Array<[Node, string]> {
    if (!this.index) {
      const body = field(this.fn, 'body');
      // A body that names no map has no map index expression to find.
      const nodes = body ? descendantsOf(body, this.mapFree ? REGION_TYPES_MAP_FREE : REGION_TYPES) : [];
      this.index = { nodes, types: nodes.map((n) => n.type), starts: nodes.map((n) => n.startIndex), ends: nodes.map((n) => n.endIndex) };
    }
    const { nodes, types, starts, ends } = this.index;
    const lo = r.startIndex;
    const hi = r.endIndex;
    // First node starting at or after lo (document order sorts by start).
    let a = 0;
    let b = starts.length;
    while (a < b) { const m = (a + b) >> 1; if (starts[m]! < lo) a = m + 1; else b = m; }
    const out: Array<[Node, string]> = [];
    // Skip nested function literals' contents: their bodies are walked on their own.
    let litEnd = -1;
    for (let i = a; i < starts.length && starts[i]! < hi; i++) {
      if (ends[i]! > hi) continue;
      if (starts[i]! < litEnd) continue;
      const t = types[i]!;
      out.push([nodes[i]!, t]);
      if (t === T.funcLit) litEnd = ends[i]!;
    }
    return out;
  }

  /** Record what an expression region does: accesses, calls, literals, channel ops, waits. */
  private region(r: Node, s: LockState): void {
    const { oracle } = this.env;
    const found: Array<[Node, string]> = r.type === T.funcLit ? [[r, T.funcLit]] : this.regionNodes(r);
    for (const [n, type] of found) {
      switch (type) {
        case T.funcLit: this.literal(n, s); break;
        case T.indexExpr: {
          const op = field(n, 'operand');
          if (op && !this.mapFree && oracle.isMap(op)) this.f.accesses.push({ ...this.accessPoint(s, op), kind: isAssigned(n) ? 'write' : 'read', map: op });
          break;
        }
        case T.unaryExpr: {
          const op = field(n, 'operand');
          if (op && operatorOf(n) === '<-') this.f.chans.push({ ...this.point(s, n), kind: 'recv', chan: op, value: null });
          break;
        }
        default:
          if (!this.mapFree) for (const a of callAccesses(n, oracle)) this.f.accesses.push({ ...this.accessPoint(s, a.map), kind: a.kind, map: a.map });
          this.callSite(n, s);
      }
    }
  }

  private literal(lit: Node, s: LockState): void {
    const p = lit.parent;
    let how: LitRec['how'] = 'value';
    let call: Node | null = null;
    if (p?.type === T.callExpr && field(p, 'function')?.id === lit.id) { how = 'call'; call = p; }
    else if (p?.type === T.argumentList && p.parent?.type === T.callExpr) { how = 'arg'; call = p.parent; }
    this.f.lits.push({ ...this.point(s, lit), lit, how, call, deferIndex: -1 });
  }

  private callSite(call: Node, s: LockState): void {
    const fnExpr = field(call, 'function');
    if (!fnExpr) return;
    const f = unparen(fnExpr);
    const ft = f.type;
    const args = callArgs(call);
    if (ft === T.identifier && f.text === 'close') {
      const d = this.env.oracle.resolver.resolve(f);
      const a = args[0];
      if (d?.kind === 'builtin' && !d.node && a) this.f.chans.push({ ...this.point(s, call), kind: 'close', chan: a, value: null });
      return;
    }
    if (ft === T.selectorExpr) {
      const name = field(f, 'field')?.text;
      const recv = field(f, 'operand');
      if (/Wait$/.test(name ?? '') && recv && args.length === 0) this.f.waits.push({ ...this.point(s, call), recv, call });
      if (name === 'Parallel' && args.length === 0) this.f.parallel = true;
      if (SERVE.test(name ?? '')) this.f.serves.push(this.point(s, call));
    }
    if (ft === T.identifier && this.paramNames.has(f.text)) {
      const d = this.env.oracle.resolver.resolve(f);
      const fn = d?.kind === 'param' && d.declNode ? d.declNode.parent?.parent : null;
      if (fn?.id === this.fn.id && d?.node) this.f.paramCalls.push({ index: paramIndex(fn, d.node), at: s });
    }
    if (ft !== T.funcLit) {
      const target = this.env.target(f);
      if (target) this.f.calls.push({ ...this.point(s, call), call, callee: target, via: null });
    }
    for (const a of args) {
      const u = unparen(a);
      const ut = u.type;
      if (ut !== T.identifier && ut !== T.selectorExpr) continue;
      const target = this.env.target(u);
      if (target) this.f.calls.push({ ...this.point(s, call), call, callee: target, via: call });
    }
  }

  private lockOp(call: Node): { op: 'lock' | 'rlock' | 'unlock' | 'runlock'; id: string; name: string; node: Node; exact: boolean } | null {
    const f = field(call, 'function');
    if (!f || f.type !== T.selectorExpr || callArgs(call).length !== 0) return null;
    const op = LOCK_OPS[field(f, 'field')?.text ?? ''];
    const recv = field(f, 'operand');
    if (!op || !recv) return null;
    // A same-package method named Lock (a wrapper): its summarised effect applies instead.
    if (this.env.target(f)) return null;
    const l = this.env.ids.lockLoc(recv);
    return l ? { op, id: l.id, name: l.name, node: recv, exact: l.exact } : null;
  }

  /** `hasLock`, `!hasLock`: a bool parameter of this function, its position and whether it is negated. */
  private flagParam(cond: Node): { index: number; negated: boolean } | null {
    let c = unparen(cond);
    let negated = false;
    while (c.type === T.unaryExpr && operatorOf(c) === '!') { c = unparen(field(c, 'operand') ?? c); negated = !negated; }
    if (c.type !== T.identifier || !this.paramNames.has(c.text)) return null;
    const d = this.env.oracle.resolver.resolve(c);
    const fn = d?.kind === 'param' && d.declNode ? d.declNode.parent?.parent : null;
    if (!fn || fn.id !== this.fn.id || !d?.node) return null;
    const t = this.env.oracle.typeOf(c);
    if (!(t.kind === 'basic' && t.name === 'bool') && t.kind !== 'unknown') return null;
    const index = paramIndex(fn, d.node);
    return index >= 0 ? { index, negated } : null;
  }

  private isFatal(call: Node): boolean {
    const f = unparen(field(call, 'function')!);
    if (f.type === T.identifier) return f.text === 'panic' && this.env.oracle.resolver.resolve(f)?.kind === 'builtin';
    if (f.type === T.selectorExpr) return FATAL.has(field(f, 'field')?.text ?? '');
    return false;
  }

  private isChan(e: Node): boolean {
    return this.env.oracle.underlying(this.env.oracle.typeOf(e)).kind === 'chan';
  }

  private marks(): number[] {
    const f = this.f;
    return [f.accesses.length, f.calls.length, f.lits.length, f.gos.length, f.defers.length, f.chans.length, f.waits.length, f.returns.length, this.exits.length];
  }

  private reset(m: number[]): void {
    const f = this.f;
    f.accesses.length = m[0]!; f.calls.length = m[1]!; f.lits.length = m[2]!; f.gos.length = m[3]!;
    f.defers.length = m[4]!; f.deferredAccesses = f.deferredAccesses.filter((d) => d.index < m[4]!); f.chans.length = m[5]!; f.waits.length = m[6]!; f.returns.length = m[7]!; this.exits.length = m[8]!;
  }
}

/** Whether the declaration holding fn (itself, or the one a literal lies in) has a body the lexer saw name no map. */
function namesNoMap(fn: Node, env: WalkEnv): boolean {
  const { resolver } = env.oracle;
  const bodies = resolver.fileOf(fn).bodies;
  if (!bodies) return false;
  let top: Node | null = fn;
  while (top && top.type !== T.funcDecl && top.type !== T.methodDecl) top = resolver.parentOf(top);
  const body = top ? field(top, 'body') : null;
  return !!body && bodies.all.has(body.startIndex) && !bodies.map.has(body.startIndex);
}

function sameHeld(a: LockState, b: LockState): boolean {
  if (a.held.size !== b.held.size) return false;
  for (const [id, h] of a.held) if (b.held.get(id)?.mode !== h.mode) return false;
  return true;
}

/** Whether a loop body has a `break` that leaves this loop (not a nested loop/switch/select). */
function hasBreak(body: Node): boolean {
  for (const b of body.descendantsOfType([T.breakStatement, T.returnStatement])) {
    if (!b) continue;
    if (b.type === T.returnStatement) continue;
    if (namedChildrenNoComments(b).some((c) => c.type === T.labelName)) return true;
    let inner = false;
    for (let p = b.parent; p && p.id !== body.id; p = p.parent) {
      if (p.type === T.forStatement || p.type === T.exprSwitch || p.type === T.typeSwitch || p.type === T.selectStatement || p.type === T.funcLit) { inner = true; break; }
    }
    if (!inner) return true;
  }
  return false;
}


