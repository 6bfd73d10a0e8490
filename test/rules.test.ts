// One data-driven suite: every rule over every fixture case under testdata/<rule-id>/.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { allRules } from '../rules/index.js';
import { checkCase, fixtureCases } from './harness.js';

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
