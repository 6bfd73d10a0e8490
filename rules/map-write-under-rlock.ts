// map-write-under-rlock: a map written while its RWMutex is held only in read mode.
import { CONCURRENCY_RULE_INPUTS, conflictsAnalysis } from '../src/concurrency/conflicts.js';
import { lineOf, related } from '../src/concurrency/describe.js';
import { buildFixes } from '../src/fix/index.js';
import type { Rule } from '../src/rule.js';

export const mapWriteUnderRlock: Rule = {
  id: 'map-write-under-rlock',
  title: 'Map written while holding only a read lock',
  severity: 'error',
  precision: 'high',
  ...CONCURRENCY_RULE_INPUTS,
  tags: ['concurrency', 'maps', 'data-race'],
  run(ctx) {
    for (const f of ctx.get(conflictsAnalysis).findings) {
      const rl = f.readLock;
      if (f.access.kind !== 'write' || !rl) continue;
      const others = f.other && f.other !== f.access ? ` (it races with the ${f.other.kind === 'write' ? 'write' : 'read'} at ${lineOf(ctx, f.other.map)})` : '';
      ctx.report({
        node: f.access.map,
        message: `write to map ${f.access.name} under read lock ${rl.name}${others}: other readers hold ${rl.name} at the same time; take ${rl.name}.Lock() for the write, or use sync.Map`,
        related: related(ctx, f),
        fixes: buildFixes(ctx, 'map-write-under-rlock', f),
      });
    }
  },
};
