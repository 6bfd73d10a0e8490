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
    case 'errgroup': return `the errgroup goroutine started at ${at}`;
    default: return `the goroutine started at ${at}`;
  }
}

/** The evidence part of a message: with whom the access races, or which guard it lacks. */
export function evidence(ctx: RuleContext, f: Finding): string {
  const a = f.access;
  if (f.other && f.root) {
    const inRoot = a.fn.ctxs.has(f.root.id);
    const where = describeRoot(ctx, f.root);
    if (f.other === a) return `in ${where} races with other instances of itself`;
    const other = `the ${kindWord(f.other)} at ${lineOf(ctx, f.other.map)}`;
    return inRoot ? `in ${where} races with ${other}` : `races with ${other} in ${where}`;
  }
  if (f.guard) return `without holding ${f.guard.name} (it guards ${f.guard.example.name} at ${lineOf(ctx, f.guard.example.map)})`;
  return 'while other goroutines may use it';
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
  if (f.guard) out.push(ctx.locationOf(f.guard.example.map, `access holding ${f.guard.name}`));
  if (f.readLock) out.push(ctx.locationOf(f.access.map, `${f.readLock.name} is held in read mode here`));
  if (out.length === 0) out.push(ctx.locationOf(f.access.map, `map ${f.access.name}`));
  return out;
}
