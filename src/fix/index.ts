// Fix builders: given a race finding, the fixes that remove it, chosen from context.
// Each strategy lives in its own module and returns null when it does not fit; the
// safe fixes come first (--fix applies the first safe fix of each diagnostic).
import type { Finding } from '../concurrency/conflicts.js';
import type { Fix } from '../diagnostic.js';
import type { RuleContext } from '../rule.js';
import { addLock } from './addlock.js';
import { fixContext } from './context.js';
import type { FixContext } from './context.js';
import { moveDeferAfterLock } from './deferorder.js';
import { guardWithExistingLock } from './guard.js';
import { writeLockInstead } from './rlock.js';
import { iterateSnapshot, returnCopy } from './snapshot.js';
import { switchToSyncMap } from './syncmap.js';

type Strategy = (fc: FixContext, f: Finding) => Fix | null;

const STRATEGIES: Record<string, Strategy[]> = {
  'unguarded-map-write': [guardWithExistingLock, moveDeferAfterLock, addLock, switchToSyncMap],
  'unguarded-map-read': [returnCopy, guardWithExistingLock, moveDeferAfterLock, iterateSnapshot, addLock, switchToSyncMap],
  'map-write-under-rlock': [writeLockInstead, switchToSyncMap],
  'range-in-defer': [moveDeferAfterLock, iterateSnapshot],
};

const PER_MAP = new Set<Strategy>([addLock, switchToSyncMap]);

const contexts = new WeakMap<object, FixContext>();

/** The fixes for a finding of a concurrency rule, safe ones first. */
export function buildFixes(ctx: RuleContext, ruleId: string, f: Finding): Fix[] {
  let fc = contexts.get(ctx.pkg);
  if (!fc) contexts.set(ctx.pkg, (fc = fixContext(ctx)));
  const out: Fix[] = [];
  for (const s of STRATEGIES[ruleId] ?? []) {
    let fix: Fix | null = null;
    // Strategies that depend only on the map give every finding of that map the same fix: build it once.
    const key = PER_MAP.has(s) ? `${s.name}\0${f.access.loc}\0${f.guard ? 1 : 0}` : null;
    if (key && fc.memo.has(key)) fix = fc.memo.get(key)!;
    else {
      try {
        fix = s(fc, f);
      } catch {
        fix = null;
      }
      if (key) fc.memo.set(key, fix);
    }
    if (fix && fix.edits.length > 0 && !out.some((o) => o.title === fix!.title)) out.push(fix);
  }
  return [...out.filter((x) => x.safe), ...out.filter((x) => !x.safe)];
}
