// unguarded-map-write: a map write that may run in parallel with another access of
// the same map, or that does not hold the lock guarding the map elsewhere.
import { CONCURRENCY_RULE_INPUTS, conflictsAnalysis } from '../src/concurrency/conflicts.js';
import { evidence, lockAdvice, related } from '../src/concurrency/describe.js';
import { buildFixes } from '../src/fix/index.js';
import type { Rule } from '../src/rule.js';

export const unguardedMapWrite: Rule = {
  id: 'unguarded-map-write',
  title: 'Map written while other goroutines may use it',
  severity: 'error',
  precision: 'high',
  ...CONCURRENCY_RULE_INPUTS,
  tags: ['concurrency', 'maps', 'data-race'],
  run(ctx) {
    for (const f of ctx.get(conflictsAnalysis).findings) {
      if (f.access.kind !== 'write' || f.readLock) continue;
      ctx.report({
        node: f.access.map,
        message: `write to map ${f.access.name} ${evidence(ctx, f)}; ${lockAdvice(f)}, or use sync.Map, or write a copy and publish it under the lock`,
        related: related(ctx, f),
        fixes: buildFixes(ctx, 'unguarded-map-write', f),
      });
    }
  },
};
