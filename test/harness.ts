// The `// want` harness (golang.org/x/tools analysistest convention): fixture
// packages under testdata/<rule-id>/<case>/ carry `// want "regexp"` comments on
// the lines that must be reported; anything else reported is a failure.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../src/diagnostic.js';
import { applyFixes, safeFixes } from '../src/edits.js';
import type { Rule } from '../src/rule.js';
import { scanFiles } from '../src/scan.js';
import { packageRoot } from '../src/parser.js';

export const testdataDir = path.join(packageRoot, 'testdata');

export interface Expectation { file: string; line: number; pattern: RegExp; raw: string }

/** Parse the strings after `// want`: Go "..." (with escapes) or `...`. */
export function parseWantStrings(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === ' ' || ch === '\t') { i++; continue; }
    if (ch === '`') {
      const end = s.indexOf('`', i + 1);
      if (end < 0) throw new Error(`unterminated raw string in want: ${s}`);
      out.push(s.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let v = '';
      while (j < s.length && s[j] !== '"') {
        if (s[j] === '\\' && j + 1 < s.length) {
          const n = s[j + 1]!;
          v += n === 'n' ? '\n' : n === 't' ? '\t' : n === '"' ? '"' : n === '\\' ? '\\' : '\\' + n;
          j += 2;
        } else { v += s[j]; j++; }
      }
      if (j >= s.length) throw new Error(`unterminated string in want: ${s}`);
      out.push(v);
      i = j + 1;
      continue;
    }
    break; // anything else ends the expectation list (e.g. a trailing comment)
  }
  return out;
}

/**
 * `// want "re"` at the end of a line expects a finding on that line. A line that is only
 * `// want+1 "re"` expects it on the next line: for lines that cannot carry a trailing
 * comment, such as `//go:linkname` directives (the compiler rejects extra fields there).
 */
export function expectationsOf(file: string, text: string): Expectation[] {
  const out: Expectation[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const next = /^\s*\/\/ want\+1 (.*)$/.exec(line);
    if (next) {
      for (const raw of parseWantStrings(next[1]!)) out.push({ file, line: i + 2, pattern: new RegExp(raw), raw });
      return;
    }
    const at = line.indexOf('// want ');
    if (at < 0) return;
    for (const raw of parseWantStrings(line.slice(at + 8))) out.push({ file, line: i + 1, pattern: new RegExp(raw), raw });
  });
  return out;
}

export function goFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...goFilesUnder(p));
    else if (e.isFile() && e.name.endsWith('.go')) out.push(p);
  }
  return out.sort();
}

/** Fixture case directories of a rule: testdata/<rule-id>/<case>/. */
export function fixtureCases(ruleId: string): string[] {
  const dir = path.join(testdataDir, ruleId);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).map((n) => path.join(dir, n)).filter((p) => statSync(p).isDirectory()).sort();
}

export interface CaseOutcome {
  diagnostics: Diagnostic[];
  problems: string[];
  expectations: number;
}

/** Run rules over a fixture directory and compare with its `// want` comments and .golden files. */
export async function checkCase(dir: string, rules: readonly Rule[]): Promise<CaseOutcome> {
  const files = goFilesUnder(dir);
  const result = await scanFiles(files, { rules });
  const problems: string[] = [];
  const rel = (f: string) => path.relative(packageRoot, f);
  for (const n of result.notifications) problems.push(`${rel(n.file)}: tool notification: ${n.message}`);
  const expectations: Expectation[] = [];
  for (const f of files) expectations.push(...expectationsOf(f, readFileSync(f, 'utf8')));
  const open = [...expectations];
  for (const d of result.diagnostics) {
    const line = d.location.range.start.line + 1;
    const i = open.findIndex((e) => e.file === d.location.file && e.line === line && e.pattern.test(d.message));
    if (i >= 0) open.splice(i, 1);
    else problems.push(`${rel(d.location.file)}:${line}: unexpected diagnostic: ${d.message} [${d.ruleId}]`);
  }
  for (const e of open) problems.push(`${rel(e.file)}:${e.line}: no diagnostic was reported matching ${JSON.stringify(e.raw)}`);
  for (const f of files) {
    const golden = `${f}.golden`;
    if (!existsSync(golden)) continue;
    const inFile = result.diagnostics.filter((d) => d.fixes.some((x) => x.edits.some((e) => e.file === f)));
    const fixed = applyFixes(f, readFileSync(f, 'utf8'), safeFixes(inFile)).text;
    if (fixed !== readFileSync(golden, 'utf8')) problems.push(`${rel(f)}: fixed text differs from ${rel(golden)}`);
  }
  return { diagnostics: result.diagnostics, problems, expectations: expectations.length };
}
