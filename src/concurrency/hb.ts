// Happens-before between the ordinary flow of a function and the goroutines it
// starts (Go memory model): statements before a `go` statement (and not in a loop
// around it) happen before the goroutine; statements after a wg.Wait()/g.Wait(),
// or after a receive from a channel the goroutine sends on or closes, happen after
// it, and so do statements after a loop that sends cap(ch) times on a semaphore
// channel the goroutine receives from ("the kth receive on a channel with capacity C
// is synchronized before the k+Cth send from that channel completes"). Locals are
// shared with a goroutine only when it is started inside their scope.
import type { Node } from 'web-tree-sitter';
import { T, descendantsOf, enclosingFunction, field, unparen, within } from '../syntax.js';
import { perIteration, scopeOf } from './objects.js';
import type { FnInfo, Program, Root } from './program.js';

export interface ProgramPoint { host: FnInfo; pos: number; loops: number[] }

export class HappensBefore {
  private readonly reachMemo = new Map<FnInfo, Set<FnInfo>>();
  private readonly hostedMemo = new Map<FnInfo, FnInfo[]>();
  private readonly sentMemo = new Map<Root, Set<string>>();
  private readonly recvMemo = new Map<Root, Set<string>>();
  private readonly loopsMemo = new Map<FnInfo, number[]>();
  private readonly sharedMemo = new Map<string, boolean>();

  constructor(private readonly prog: Program) {}

  /** Functions run synchronously from f (f included). */
  reach(f: FnInfo): Set<FnInfo> {
    let r = this.reachMemo.get(f);
    if (r) return r;
    r = new Set();
    const stack = [f];
    while (stack.length) {
      const g = stack.pop()!;
      if (r.has(g)) continue;
      r.add(g);
      stack.push(...g.edges);
    }
    this.reachMemo.set(f, r);
    return r;
  }

  /** Loops of the host around a literal's creation point. */
  hostLoops(f: FnInfo): number[] {
    let l = this.loopsMemo.get(f);
    if (l) return l;
    l = f.hosted && f.parent && f.lit ? [...this.hostLoops(f.parent), ...f.lit.loops] : [];
    this.loopsMemo.set(f, l);
    return l;
  }

  /** Where a point of function f (at pos, inside loops) lies in its host's flow. */
  point(f: FnInfo, pos: number, loops: number[]): ProgramPoint {
    const host = f.host;
    return { host, pos: f.deferred ? host.node.endIndex : pos, loops: [...this.hostLoops(f), ...loops] };
  }

  private hosted(host: FnInfo): FnInfo[] {
    let h = this.hostedMemo.get(host);
    if (!h) {
      h = [...this.prog.fns.values()].filter((f) => f.host === host);
      this.hostedMemo.set(host, h);
    }
    return h;
  }

  private sentChans(r: Root): Set<string> {
    let s = this.sentMemo.get(r);
    if (s) return s;
    s = new Set();
    for (const f of this.reach(r.target)) for (const c of f.facts.chans) {
      if (c.kind !== 'send' && c.kind !== 'close') continue;
      const l = this.prog.ids.loc(c.chan);
      if (l) s.add(l);
    }
    this.sentMemo.set(r, s);
    return s;
  }

  private recvChans(r: Root): Set<string> {
    let s = this.recvMemo.get(r);
    if (s) return s;
    s = new Set();
    for (const f of this.reach(r.target)) for (const c of f.facts.chans) {
      if (c.kind !== 'recv') continue;
      const l = this.prog.ids.loc(c.chan);
      if (l) s.add(l);
    }
    this.recvMemo.set(r, s);
    return s;
  }

  /**
   * A send inside a loop that sends cap(ch) times (`for n := cap(sem); n > 0; n-- { sem <- x }`):
   * the end of that loop, where every earlier receive on ch has happened. Null otherwise.
   */
  private drainEnd(send: Node, chanLoc: string): Node | null {
    const fn = enclosingFunction(send);
    for (let p = send.parent; p && p !== fn; p = p.parent) {
      if (p.type !== T.forStatement) continue;
      const body = field(p, 'body');
      const header = [...p.namedChildren].filter((c): c is Node => !!c && c.id !== body?.id);
      for (const h of header) for (const call of [h, ...descendantsOf(h, [T.callExpr])]) {
        if (call.type !== T.callExpr || unparen(field(call, 'function') ?? call).text !== 'cap') continue;
        const arg = field(call, 'arguments')?.namedChildren[0];
        if (arg && this.prog.ids.loc(arg) === chanLoc) return p;
      }
    }
    return null;
  }

  /** A send on the channel in the spawner's flow before the goroutine starts (not in a drain loop). */
  private acquiredBefore(r: Root, chanLoc: string, start: number): boolean {
    if (!r.spawner) return false;
    return this.hosted(r.spawner.host).some((f) => f.facts.chans.some((c) =>
      c.kind === 'send' && this.point(f, c.pos, c.loops).pos < start && this.prog.ids.loc(c.chan) === chanLoc && !this.drainEnd(c.chan, chanLoc)));
  }

  /** A wait or a receive that joins root r in its spawner's flow strictly between two positions. */
  joined(r: Root, from: number, to: number): boolean {
    if (!r.spawner) return false;
    const sent = this.sentChans(r);
    for (const f of this.hosted(r.spawner.host)) {
      for (const w of f.facts.waits) { const p = this.point(f, w.pos, w.loops).pos; if (p > from && p < to && this.waitJoins(w.call, w.recv, r)) return true; }
      for (const c of f.facts.chans) {
        if (c.kind !== 'recv' && c.kind !== 'rangeDone') continue;
        const p = this.point(f, c.pos, c.loops).pos;
        if (p <= from || p >= to) continue;
        const l = this.prog.ids.loc(c.chan);
        if (l && (sent.has(l) || this.closedAfterWait(r, l))) return true;
      }
      // Semaphore drain: the spawner acquires (sends) before starting the goroutine, the
      // goroutine releases (receives, never sends), and the spawner then fills the channel.
      for (const c of f.facts.chans) {
        if (c.kind !== 'send') continue;
        const l = this.prog.ids.loc(c.chan);
        if (!l || !this.recvChans(r).has(l) || this.sentChans(r).has(l) || !this.acquiredBefore(r, l, from)) continue;
        const loop = this.drainEnd(c.chan, l);
        if (!loop) continue;
        const p = this.point(f, loop.endIndex, c.loops).pos;
        if (p > from && p < to) return true;
      }
    }
    return false;
  }

  /**
   * `x.Wait()` joins (WaitGroup, errgroup, Cond); a zero-argument `x.SignalAndWait()` or any
   * other `...Wait()` joins a goroutine that calls `x.Done()` (the WaitGroup protocol of
   * closers and pools, e.g. `defer closer.Done()` in the goroutine).
   */
  private waitJoins(call: Node, recv: Node, r: Root): boolean {
    const fn = field(call, 'function');
    const u = fn ? unparen(fn) : null;
    if (u?.type === T.selectorExpr && field(u, 'field')?.text === 'Wait') return true;
    const done = new RegExp(`(?<![\\w.])${recv.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.Done\\(\\)`);
    for (const g of this.reach(r.target)) if (done.test(g.node.text)) return true;
    return false;
  }

  /**
   * Another goroutine of the same spawner waits (`wg.Wait()`) and then sends on or closes
   * the channel (`go func() { wg.Wait(); close(done) }()`): a receive from it comes after
   * the wait, which joins the goroutines the wait group counts (as a wait in the flow does).
   */
  private closedAfterWait(r: Root, chanLoc: string): boolean {
    if (!r.spawner) return false;
    return this.prog.roots.some((o) => o !== r && o.kind === 'go' && o.spawner?.host === r.spawner!.host && o.target.facts.waits.length > 0
      && o.target.facts.chans.some((c) => (c.kind === 'close' || c.kind === 'send') && this.prog.ids.loc(c.chan) === chanLoc
        && o.target.facts.waits.some((w) => w.pos < c.pos && w.loops.length === 0)));
  }

  private rootPoint(r: Root): ProgramPoint | null {
    if (!r.spawner) return null;
    const p = this.point(r.spawner, r.pos, r.loops);
    if (r.kind !== 'handler') return p;
    // A registered handler runs once the server starts serving, in this flow or (unknown) elsewhere.
    let serve: ProgramPoint | null = null;
    for (const f of this.hosted(p.host)) for (const s of f.facts.serves) {
      const q = this.point(f, s.pos, s.loops);
      if (q.pos > p.pos && (!serve || q.pos < serve.pos)) serve = q;
    }
    return serve;
  }

  /** Whether the ordinary flow at point p may run while root r runs. */
  window(p: ProgramPoint, r: Root): boolean {
    const rp = this.rootPoint(r);
    if (!rp) return false;
    const check = (pos: number, loops: number[]) => (pos > rp.pos || shareLoop(loops, rp.loops)) && !this.joined(r, rp.pos, pos);
    if (p.host === rp.host) return check(p.pos, p.loops);
    for (const g of this.hosted(rp.host)) {
      for (const e of g.edges) {
        if (e.hosted || !this.reach(e).has(p.host)) continue;
        for (const s of e.sites) {
          if (s.caller !== g) continue;
          const sp = this.point(g, s.pos, s.loops);
          if (check(sp.pos, sp.loops)) return true;
        }
      }
    }
    return false;
  }

  /** Two roots started one after the other by the same flow, the first joined before the second starts. */
  ordered(a: Root, b: Root): boolean {
    const pa = this.rootPoint(a);
    const pb = this.rootPoint(b);
    // Started by one function: ordered only when the first is joined before the second starts
    // (joined before the function returns, both still run at once).
    if (pa && pb && pa.host === pb.host) {
      return !shareLoop(pa.loops, pb.loops) && ((pa.pos < pb.pos && this.joined(a, pa.pos, pb.pos)) || (pb.pos < pa.pos && this.joined(b, pb.pos, pa.pos)));
    }
    // Goroutines of two functions, each joined before its starter returns, started from the ordinary flow only.
    return this.contained(a) && this.contained(b);
  }

  /**
   * A goroutine started in a loop whose every instance is joined before the loop's body
   * ends (`for ... { wg.Add(1); go f(); wg.Wait() }`): one instance runs at a time. Only
   * when the loop is why it runs many instances (not recursion, not a starter that itself
   * runs in many).
   */
  joinedEachIteration(r: Root): boolean {
    const p = this.rootPoint(r);
    if (!p || !r.spawner || r.loops.length === 0) return false;
    const ctxs = new Set([...r.spawner.ctxs, ...r.spawner.host.ctxs]);
    if (ctxs.has(r.id) || [...ctxs].some((c) => typeof c === 'number' && this.prog.roots[c]!.multi)) return false;
    let loop: Node | null = null;
    for (let n: Node | null = r.site.parent; n && n.id !== p.host.node.id; n = n.parent) if (n.type === T.forStatement) { loop = n; break; }
    const body = loop ? field(loop, 'body') : null;
    return !!body && this.joined(r, p.pos, body.endIndex);
  }

  /** A goroutine started once (not in a loop) from the ordinary flow and joined before its starter returns. */
  contained(r: Root): boolean {
    const p = this.rootPoint(r);
    if (!p || r.multi || p.loops.length > 0) return false;
    if ([...p.host.ctxs].some((c) => c !== 'main' && c !== 'init')) return false;
    return this.joined(r, p.pos, p.host.node.endIndex);
  }

  /**
   * Every instance of goroutine r is joined before its starter returns (a wait, a
   * receive or a semaphore drain after the outermost loop around the start), and the
   * starter runs in the ordinary flow only: r lies inside one phase of that flow.
   */
  joinedAll(r: Root): boolean {
    const p = this.rootPoint(r);
    if (!p || (r.kind !== 'go' && r.kind !== 'errgroup' && r.kind !== 'waitgroup')) return false;
    if ([...p.host.ctxs].some((c) => c !== 'main' && c !== 'init') || p.host.ctxs.size === 0) return false;
    if ([...(r.spawner?.ctxs ?? [])].some((c) => c !== 'main' && c !== 'init')) return false;
    let from = p.pos;
    for (let n: Node | null = r.site.parent; n && n.id !== p.host.node.id; n = n.parent) {
      if (n.type === T.forStatement) from = Math.max(from, n.endIndex - 1);
    }
    return this.joined(r, from, p.host.node.endIndex);
  }

  /** Whether goroutines of root r can see the location (a local is shared only with goroutines started in its scope). */
  shared(loc: string, r: Root): boolean {
    if (!loc.startsWith('local:')) return true;
    const base = /^local:\d+:\d+:[^[<]+/.exec(loc)?.[0] ?? loc;
    const k = `${base}|${r.id}`;
    let v = this.sharedMemo.get(k);
    if (v === undefined) { v = this.computeShared(base, r); this.sharedMemo.set(k, v); }
    return v;
  }

  private computeShared(base: string, r: Root): boolean {
    const decl = this.prog.ids.locals.get(base);
    const fn = decl ? enclosingFunction(decl) : null;
    if (!fn || r.site.id === r.target.node.id) return false;
    const scope = scopeOf(decl!, fn);
    // The goroutine is started, or its function literal written, where the local can be named.
    return (within(r.site, scope) || within(r.target.node, scope)) && !within(fn, r.target.node) && !perIteration(decl!, r.site, fn);
  }
}

export function shareLoop(a: number[], b: number[]): boolean {
  return a.some((x) => b.includes(x));
}
