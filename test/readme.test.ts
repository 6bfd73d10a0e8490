// README.md stays true: the rule table matches the rules, the Quick start is the two
// commands a newcomer runs, and CI runs exactly the README's test command.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { parseRuleDoc } from '../src/ruledoc.js';
// @ts-expect-error plain ESM script without types
import { currentRulesTable, rulesTable } from '../scripts/readme-rules.mjs';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The bodies of the fenced shell blocks of a markdown section, in order. */
function shellBlocks(section: string): string[][] {
  const blocks: string[][] = [];
  const re = /^```(?:sh|bash|shell|console)\s*\n([\s\S]*?)^```\s*$/gm;
  for (let m = re.exec(section); m; m = re.exec(section)) {
    blocks.push(m[1]!.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')));
  }
  return blocks;
}

function section(title: string): string {
  const start = readme.search(new RegExp(`^## ${title}\\s*$`, 'm'));
  expect(start, `README.md has a "## ${title}" section`).toBeGreaterThanOrEqual(0);
  const rest = readme.slice(start + 3);
  const end = rest.search(/^## /m);
  return end === -1 ? rest : rest.slice(0, end);
}

const quickStart = () => shellBlocks(section('Quick start'))[0] ?? [];

describe('README.md', () => {
  it('has a rule table in sync with the rules and their docs (npm run build && npm run readme:rules)', () => {
    const docTitle = (id: string) => {
      const path = join(root, 'rules', `${id}.md`);
      return existsSync(path) ? parseRuleDoc(readFileSync(path, 'utf8')).title : undefined;
    };
    expect(currentRulesTable(readme)).toBe(rulesTable(allRules, docTitle));
  });

  it('starts Quick start with exactly the install-and-demo and the test command', () => {
    expect(quickStart()).toEqual(['npm ci && npx mapsafe testdata/demo', 'npm test']);
  });

  it('is what .ci/run runs: npm ci, then the README test command', () => {
    const script = readFileSync(join(root, '.ci', 'run'), 'utf8');
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    const lines = script
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(lines).toContain('set -euo pipefail');
    const testCommand = quickStart()[1];
    expect(lines.slice(-2)).toEqual(['npm ci', testCommand]);
  });
});

describe('scripts/readme-rules.mjs', () => {
  it('renders a sorted, linked table and replaces only the marked region', async () => {
    // @ts-expect-error plain ESM script without types
    const { withRulesTable } = await import('../scripts/readme-rules.mjs');
    const rules = [
      { id: 'b-rule', title: 'Meta title b', severity: 'warning', precision: 'high' },
      { id: 'a-rule', title: 'Meta | title a', severity: 'error', precision: 'very-high' },
    ];
    const table = rulesTable(rules, (id: string) => (id === 'b-rule' ? 'Doc title b' : undefined));
    expect(table).toBe(
      [
        '| Rule | Severity | Precision | What it finds |',
        '|---|---|---|---|',
        '| `a-rule` | error | very-high | Meta \\| title a |',
        '| [`b-rule`](rules/b-rule.md) | warning | high | Doc title b |',
        '',
      ].join('\n'),
    );
    const doc = 'intro\n<!-- rules:start -->\nold\n<!-- rules:end -->\nrest\n';
    const updated = withRulesTable(doc, table);
    expect(updated).toBe(`intro\n<!-- rules:start -->\n${table}<!-- rules:end -->\nrest\n`);
    expect(currentRulesTable(updated)).toBe(table);
  });
});
