// unguarded-map-read: a map read, measured or iterated outside its guard while
// guarded or concurrent writers exist.
import { CONCURRENCY_RULE_INPUTS, conflictsAnalysis } from '../src/concurrency/conflicts.js';
import { evidence, kindWord, lockAdvice, related } from '../src/concurrency/describe.js';
import { buildFixes } from '../src/fix/index.js';
import type { Rule } from '../src/rule.js';

export const unguardedMapRead: Rule = {
  id: 'unguarded-map-read',
  title: 'Map read while other goroutines may write it',
  severity: 'warning',
  precision: 'high',
  ...CONCURRENCY_RULE_INPUTS,
  tags: ['concurrency', 'maps', 'data-race'],
  run(ctx) {
    for (const f of ctx.get(conflictsAnalysis).findings) {
      const a = f.access;
      if (a.kind === 'write' || (a.kind === 'iterate' && a.deferred)) continue;
      const snapshot = a.kind === 'iterate' ? ', or iterate a snapshot copied under the lock' : '';
      ctx.report({
        node: a.map,
        message: `${kindWord(a)} of map ${a.name} ${evidence(ctx, f)}; ${lockAdvice(f)}${snapshot}, or use sync.Map`,
        related: related(ctx, f),
        fixes: buildFixes(ctx, 'unguarded-map-read', f),
      });
    }
  },
};
