// Conventions enforced by tests, not reviewers: every rule has a complete doc page,
// fixtures that fire and fixtures that stay silent, and doc examples that behave as
// the doc says (bad ones fire, good ones do not).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { allRules } from '../rules/index.js';
import { loadRuleDoc, missingSections } from '../src/ruledoc.js';
import { scanFiles } from '../src/scan.js';
import { expectationsOf, fixtureCases, goFilesUnder } from './harness.js';
import { writeTemp } from './pkgutil.js';

describe('rule registry', () => {
  it('is sorted by id, without duplicates, with kebab-case ids', () => {
    const ids = allRules.map((r) => r.id);
    expect(ids).toEqual([...new Set(ids)].sort());
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});

for (const rule of allRules) {
  describe(`rule ${rule.id} conventions`, () => {
    it('has a doc page with every required section and its title', () => {
      const doc = loadRuleDoc(rule.id);
      expect(doc.id).toBe(rule.id);
      expect(doc.title).toBe(rule.title);
      expect(missingSections(doc)).toEqual([]);
      expect(doc.summary.length).toBeGreaterThan(0);
      expect(doc.badExamples.length).toBeGreaterThan(0);
      expect(doc.goodExamples.length).toBeGreaterThan(0);
    });

    it('has fixtures that fire and fixtures that stay silent', () => {
      let firing = 0;
      let silent = 0;
      for (const dir of fixtureCases(rule.id)) {
        const wants = goFilesUnder(dir).flatMap((f) => expectationsOf(f, readFileSync(f, 'utf8')));
        if (wants.length > 0) firing++;
        else silent++;
      }
      expect(firing, `firing fixtures of ${rule.id}`).toBeGreaterThan(0);
      expect(silent, `silent fixtures of ${rule.id}`).toBeGreaterThan(0);
    });

    it('fires on every bad doc example and stays silent on every good one', async () => {
      const doc = loadRuleDoc(rule.id);
      const check = async (src: string) => {
        const dir = writeTemp({ 'example.go': src });
        const r = await scanFiles([path.join(dir, 'example.go')], { rules: [rule] });
        expect(r.notifications, `notifications for example:\n${src}`).toEqual([]);
        return r.diagnostics.length;
      };
      for (const src of doc.badExamples) expect(await check(src), `bad example must fire:\n${src}`).toBeGreaterThan(0);
      for (const src of doc.goodExamples) expect(await check(src), `good example must stay silent:\n${src}`).toBe(0);
    });
  });
}
