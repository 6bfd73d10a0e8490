// Words for findings: where a goroutine starts, with whom an access races, which
// lock is missing, and the related locations that go with the message.
import path from 'node:path';
import type { Location } from '../diagnostic.js';
import type { RuleContext } from '../rule.js';
import type { Access, Finding } from './conflicts.js';
import type { Root } from './program.js';

const KIND_WORDS: Record<Access['kind'], string> = { write: 'write', read: 'read', iterate: 'iteration', len: 'len' };

export function kindWord(a: Access): string {
  return KIND_WORDS[a.kind];
}

/** `file.go:12` of a node's start. */
export function lineOf(ctx: RuleContext, node: { startPosition: { row: number } } & Parameters<RuleContext['locationOf']>[0]): string {
  const loc = ctx.locationOf(node);
  return `${path.basename(loc.file)}:${node.startPosition.row + 1}`;
}

export function describeRoot(ctx: RuleContext, r: Root): string {
  const at = lineOf(ctx, r.site);
  switch (r.kind) {
    case 'handler': return r.site.id === r.target.node.id ? `the http handler at ${at} (each request runs in its own goroutine)` : `the http handler registered at ${at} (each request runs in its own goroutine)`;
    case 'subtest': return `the parallel subtest started at ${at}`;
    case 'parallel-test': return `the parallel test at ${at}`;
    case 'afterfunc': return `the time.AfterFunc callback started at ${at}`;
    case 'context-afterfunc': return `the context.AfterFunc callback registered at ${at}`;
    case 'errgroup': return `the errgroup goroutine started at ${at}`;
    default: return `the goroutine started at ${at}`;
  }
}

/**
 * With whom the access races, as a verb phrase after the subject:
 * `in the goroutine started at a.go:9 races with the write at a.go:3`, or
 * `races with the write at a.go:3 in the goroutine started at a.go:9`.
 */
export function raceText(ctx: RuleContext, f: Finding, subject = ''): string | null {
  const a = f.access;
  if (!f.other || !f.root) return null;
  const inRoot = a.ctxs.has(f.root.id);
  const where = describeRoot(ctx, f.root);
  const s = subject ? `${subject} ` : '';
  if (f.other === a) return `in ${where} ${s}races with other instances of itself`;
  const other = `the ${kindWord(f.other)} at ${lineOf(ctx, f.other.map)}`;
  if (inRoot) return `in ${where} ${s}races with ${other}`;
  const own = f.ownRoot && !a.ctxs.has('main') ? `in ${describeRoot(ctx, f.ownRoot)} ` : '';
  return `${own}${s}races with ${other} in ${where}`;
}

/** Which guard the access lacks: `without holding c.mu (other accesses hold it: a.go:4)`. */
export function guardText(ctx: RuleContext, f: Finding): string | null {
  if (!f.guard) return null;
  return `without holding ${f.guard.name} (other accesses hold it: ${lineOf(ctx, f.guard.example.map)})`;
}

/** The evidence part of a message: with whom the access races, or which guard it lacks. */
export function evidence(ctx: RuleContext, f: Finding): string {
  return raceText(ctx, f) ?? guardText(ctx, f) ?? 'while other goroutines may use it';
}

/** The lock to name in a fix: the guard, else a new one. */
export function lockAdvice(f: Finding): string {
  if (f.guard) return `hold ${f.guard.name}`;
  const held = f.other ? [...f.other.locks.values()][0] : undefined;
  return held ? `hold ${held.name} here too` : 'guard both accesses with a sync.Mutex or sync.RWMutex';
}

export function related(ctx: RuleContext, f: Finding): Location[] {
  const out: Location[] = [];
  if (f.other && f.other !== f.access) out.push(ctx.locationOf(f.other.map, `conflicting ${kindWord(f.other)} of map ${f.other.name}`));
  if (f.root) out.push(ctx.locationOf(f.root.site, 'goroutine started here'));
  if (f.root && f.ownRoot && !f.access.ctxs.has('main') && !f.access.ctxs.has(f.root.id)) out.push(ctx.locationOf(f.ownRoot.site, 'goroutine of this access started here'));
  if (f.guard) out.push(ctx.locationOf(f.guard.example.map, `access holding ${f.guard.name}`));
  if (f.readLock) out.push(ctx.locationOf(f.access.map, `${f.readLock.name} is held in read mode here`));
  if (out.length === 0) out.push(ctx.locationOf(f.access.map, `map ${f.access.name}`));
  return out;
}
