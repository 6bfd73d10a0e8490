// range-in-defer: a deferred function iterates a shared map after the lock that
// guards it is released (defers run last-in first-out at return).
import { conflictsAnalysis } from '../src/concurrency/conflicts.js';
import { evidence, related } from '../src/concurrency/describe.js';
import type { Rule } from '../src/rule.js';
import { CONCURRENCY_TRIGGER } from '../src/triggers.js';

export const rangeInDefer: Rule = {
  id: 'range-in-defer',
  title: 'Deferred iteration of a shared map without its lock',
  severity: 'warning',
  precision: 'high',
  triggers: CONCURRENCY_TRIGGER,
  tags: ['concurrency', 'maps', 'data-race', 'defer'],
  run(ctx) {
    for (const f of ctx.get(conflictsAnalysis).findings) {
      const a = f.access;
      if (a.kind !== 'iterate' || !a.deferred) continue;
      const lock = f.guard ? f.guard.name : 'the lock';
      ctx.report({
        node: a.map,
        message: `deferred iteration of map ${a.name} runs without ${lock} ${evidence(ctx, f)}; register the defer after ${f.guard ? `${f.guard.name}.Lock(); defer ${f.guard.name}.Unlock()` : 'the lock and its deferred unlock'} or take the lock inside it, or iterate a snapshot copied under the lock`,
        related: related(ctx, f),
      });
    }
  },
};
