// range-in-defer: a deferred function iterates a shared map after the lock that
// guards it is released (defers run last-in first-out at return).
import { CONCURRENCY_RULE_INPUTS, conflictsAnalysis } from '../src/concurrency/conflicts.js';
import { lineOf, raceText, related } from '../src/concurrency/describe.js';
import { buildFixes } from '../src/fix/index.js';
import type { Rule } from '../src/rule.js';

export const rangeInDefer: Rule = {
  id: 'range-in-defer',
  title: 'Deferred iteration of a shared map without its lock',
  severity: 'warning',
  precision: 'high',
  ...CONCURRENCY_RULE_INPUTS,
  tags: ['concurrency', 'maps', 'data-race', 'defer'],
  run(ctx) {
    for (const f of ctx.get(conflictsAnalysis).findings) {
      const a = f.access;
      if (a.kind !== 'iterate' || !a.deferred) continue;
      const g = f.guard?.name;
      const race = raceText(ctx, f, 'it');
      const why = race ? `; ${race}` : f.guard ? ` (other accesses hold it: ${lineOf(ctx, f.guard.example.map)})` : '';
      const fix = g ? `register it after ${g}.Lock(); defer ${g}.Unlock(), take ${g} inside it` : 'take the lock inside it';
      ctx.report({
        node: a.map,
        message: `deferred iteration of map ${a.name} runs at return without holding ${g ?? 'a lock'}${why}; ${fix}, or iterate a snapshot copied under the lock`,
        related: related(ctx, f),
        fixes: buildFixes(ctx, 'range-in-defer', f),
      });
    }
  },
};
