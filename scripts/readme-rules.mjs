#!/usr/bin/env node
// Regenerates the rule table in README.md (between the rules:start/rules:end markers)
// from the rule metadata and the rule docs: npm run build && npm run readme:rules
// test/readme.test.ts fails while the table is stale.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const START = '<!-- rules:start -->';
export const END = '<!-- rules:end -->';

const cell = (s) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/**
 * The markdown table for `rules` (id, title, severity, precision), using each rule doc's
 * title when `docTitle(id)` finds the doc, and linking the doc.
 * @param {readonly {id: string, title: string, severity: string, precision: string}[]} rules
 * @param {(id: string) => string | undefined} docTitle
 */
export function rulesTable(rules, docTitle) {
  const rows = [...rules]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => {
      const title = docTitle(r.id);
      const name = title === undefined ? `\`${r.id}\`` : `[\`${r.id}\`](rules/${r.id}.md)`;
      return `| ${name} | ${r.severity} | ${r.precision} | ${cell(title ?? r.title)} |`;
    });
  if (rows.length === 0) return '_No rules yet._\n';
  return ['| Rule | Severity | Precision | What it finds |', '|---|---|---|---|', ...rows].join('\n') + '\n';
}

/** README text with the region between the markers replaced by `table`. */
export function withRulesTable(readme, table) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) throw new Error(`README.md lacks ${START} ... ${END}`);
  return `${readme.slice(0, start + START.length)}\n${table}${readme.slice(end)}`;
}

/** The table between the markers, as withRulesTable wrote it. */
export function currentRulesTable(readme) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) throw new Error(`README.md lacks ${START} ... ${END}`);
  return readme.slice(start + START.length + 1, end);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'rules', 'index.js'))) {
    console.error('readme-rules: dist/ is missing; run npm run build first');
    process.exit(2);
  }
  const { allRules } = await import(pathToFileURL(join(dist, 'rules', 'index.js')).href);
  const { parseRuleDoc } = await import(pathToFileURL(join(dist, 'src', 'ruledoc.js')).href);
  const docTitle = (id) => {
    const path = join(root, 'rules', `${id}.md`);
    return existsSync(path) ? parseRuleDoc(readFileSync(path, 'utf8')).title : undefined;
  };
  const readmePath = join(root, 'README.md');
  const before = readFileSync(readmePath, 'utf8');
  const after = withRulesTable(before, rulesTable(allRules, docTitle));
  if (after !== before) writeFileSync(readmePath, after);
  console.log(after !== before ? 'README.md: rule table updated' : 'README.md: rule table up to date');
}
