// One data-driven suite: every rule over every fixture case under testdata/<rule-id>/.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { allRules } from '../rules/index.js';
import { checkCase, fixtureCases, testdataDir } from './harness.js';

for (const rule of allRules) {
  describe(`rule ${rule.id}`, () => {
    for (const dir of fixtureCases(rule.id)) {
      it(`fixture ${path.basename(dir)}`, async () => {
        const outcome = await checkCase(dir, [rule]);
        expect(outcome.problems).toEqual([]);
      });
    }
  });
}

describe('demo module', () => {
  it('shows every rule family, and exactly the annotated findings', async () => {
    const outcome = await checkCase(path.join(testdataDir, 'demo'), allRules);
    expect(outcome.problems).toEqual([]);
    const ids = new Set(outcome.diagnostics.map((d) => d.ruleId));
    for (const id of ['unguarded-map-write', 'range-in-defer', 'cgo-hmap-offset', 'unsafe-map-cast']) expect(ids).toContain(id);
  });
});
