// What fix builders see: the rule context, the package's concurrency facts, and
// questions about them (which file a node is in, which lock expression names a guard
// where the map is accessed, whether a guard is an RWMutex, what a call may do).
import type { Node } from 'web-tree-sitter';
import type { Access, Conflicts } from '../concurrency/conflicts.js';
import { conflictsAnalysis } from '../concurrency/conflicts.js';
import { baseField } from '../concurrency/guards.js';
import type { FnInfo, Program } from '../concurrency/program.js';
import type { Fix } from '../diagnostic.js';
import type { SourceFile } from '../package.js';
import type { RuleContext } from '../rule.js';
import { T, field, unparen } from '../syntax.js';
import type { StmtFacts } from './stmts.js';

export interface FixContext {
  rule: RuleContext;
  conflicts: Conflicts;
  prog: Program;
  fileOf(node: Node): SourceFile;
  /** Fixes already built, by strategy and map location. */
  memo: Map<string, Fix | null>;
}

export function fixContext(ctx: RuleContext): FixContext {
  const conflicts = ctx.get(conflictsAnalysis);
  return {
    rule: ctx,
    conflicts,
    prog: conflicts.program,
    memo: new Map(),
    fileOf(node) {
      const path = ctx.locationOf(node).file;
      return ctx.pkg.files.find((f) => f.path === path)!;
    },
  };
}

/** The map expression's operand chain down to the selector of the location's base field: `c.items[k]` -> `c`. */
export function ownerExpr(map: Node, loc: string): Node | null {
  const bf = baseField(loc);
  if (!bf) return null;
  let e = unparen(map);
  while (e.type === T.indexExpr) e = unparen(field(e, 'operand')!);
  if (e.type !== T.selectorExpr || field(e, 'field')?.text !== bf.field) return null;
  return field(e, 'operand');
}

/** The expression that names lock `id` where `map` (of location `loc`) is accessed. */
export function lockExprAt(id: string, map: Node, loc: string): string | null {
  const v = /^var:([A-Za-z_]\w*)$/.exec(id);
  if (v) return v[1]!;
  const m = /^field:([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(id);
  const bf = baseField(loc);
  if (!m || !bf || bf.type !== m[1]) return null;
  const owner = ownerExpr(map, loc);
  return owner ? `${owner.text}.${m[2]}` : null;
}

/** Whether lock `id` is a sync.RWMutex. */
export function isRWMutex(fc: FixContext, id: string): boolean {
  if (fc.conflicts.accesses.some((a) => a.locks.get(id)?.mode === 'r')) return true;
  const oracle = fc.prog.oracle;
  const named = (t: { kind: string; name?: string; elem?: unknown }): boolean => {
    const b = (t.kind === 'pointer' ? t.elem : t) as { kind: string; name?: string; pkgPath?: string };
    return b.kind === 'named' && b.name === 'RWMutex' && b.pkgPath === 'sync';
  };
  const v = /^var:(\w+)$/.exec(id);
  if (v) {
    const d = oracle.pkg.scope.get(v[1]!);
    return !!d && named(oracle.declType(d));
  }
  const m = /^field:(\w+)\.(\w+)$/.exec(id);
  if (!m) return false;
  const info = oracle.pkg.types.get(m[1]!);
  if (!info) return false;
  const u = oracle.underlying(oracle.typeFromNode(info.typeNode));
  if (u.kind !== 'struct') return false;
  const f = u.fields.find((x) => x.name === m[2]);
  return !!f && named(f.type);
}

/** Every access of a location in the package, in functions the engine walked (reachable or not). */
export function accessesOf(fc: FixContext, loc: string): Array<{ fn: FnInfo; map: Node; kind: Access['kind']; deferred: boolean; construction: boolean }> {
  const known = new Map(fc.conflicts.accesses.map((a) => [a.map.id, a]));
  const out: Array<{ fn: FnInfo; map: Node; kind: Access['kind']; deferred: boolean; construction: boolean }> = [];
  for (const fn of fc.prog.fns.values()) {
    for (const r of fn.facts.accesses) if (fc.prog.ids.loc(r.map) === loc) out.push({ fn, map: r.map, kind: r.kind, deferred: fn.deferred, construction: known.get(r.map.id)?.construction ?? false });
    for (const r of fn.facts.deferredAccesses) if (fc.prog.ids.loc(r.map) === loc) out.push({ fn, map: r.map, kind: r.kind, deferred: true, construction: false });
  }
  return out;
}

/**
 * Whether holding a lock across the statements may deadlock or re-enter: a call of a
 * package function (or a literal run in place) that blocks, takes any lock, or accesses
 * `loc`; or a call of a function value the package does not define.
 */
export function riskOf(fc: FixContext, loc: string | null): (facts: StmtFacts) => boolean {
  const prog = fc.prog;
  const bad = (fn: FnInfo, seen: Set<FnInfo>): boolean => {
    if (seen.has(fn) || seen.size > 200) return seen.size > 200;
    seen.add(fn);
    const f = fn.facts;
    if (f.chans.length > 0 || f.waits.length > 0 || f.paramCalls.length > 0 || /\.R?Lock\(\)/.test(fn.node.text)) return true;
    if (loc && f.accesses.some((a) => prog.ids.loc(a.map) === loc)) return true;
    return fn.edges.some((e) => bad(e, seen));
  };
  return (facts) => {
    const seen = new Set<FnInfo>();
    for (const lit of facts.literals) {
      const info = prog.info(lit);
      if (!info || bad(info, seen)) return true;
    }
    for (const call of facts.calls) {
      const fnExpr = field(call, 'function');
      if (!fnExpr) continue;
      const target = prog.calls.target(fnExpr);
      if (target) {
        const info = prog.info(target);
        if (!info || bad(info, seen)) return true;
        continue;
      }
      const u = unparen(fnExpr);
      if (u.type === T.identifier) {
        const d = prog.oracle.resolver.resolve(u);
        if (d && d.kind !== 'func' && d.kind !== 'builtin' && d.kind !== 'type') return true;
      }
      if (u.type === T.funcLit || u.type === T.parenExpr) return true;
    }
    return false;
  };
}

/** Whether a function may be entered with the lock already held (a call site holds it). */
export function entersHolding(fn: FnInfo, id: string): boolean {
  for (let f: FnInfo | null = fn; f; f = f.hosted ? f.parent : null) {
    if (f.entry.has(id)) return true;
    if (f.sites.some((s) => s.at.held.has(id) || (s.caller.entry.has(id) && !s.at.released.has(id)))) return true;
    if (!f.hosted) break;
  }
  return false;
}
