// The SARIF of every rule's fixture packages (one log per rule), plus a synthetic log that
// holds every optional part (fixes, code flows, suppressions, baseline states,
// notifications), must be valid against the SARIF 2.1.0 JSON schema (ajv) and free of
// errors under the SARIF multitool's SARIF and GitHub (Ghas) rules.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type * as Sarif from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import type { Diagnostic, Location } from '../src/diagnostic.js';
import { maxTags, renderSarif, type SarifRuleInfo } from '../src/report/sarif.js';
import type { Rule } from '../src/rule.js';
import { loadRuleDoc, readRuleDoc } from '../src/ruledoc.js';
import { scanFiles } from '../src/scan.js';
import { fixtureCases, goFilesUnder } from './harness.js';
import { packageRoot } from '../src/version.js';

const require = createRequire(import.meta.url);
// The schema as shipped by Microsoft's SARIF SDK (npm @microsoft/sarif-multitool-ts).
const schemaPath = path.join(packageRoot, 'node_modules', '@microsoft', 'sarif-multitool-ts', 'assets', 'sarif-2.1.0.schema.json');
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
}

function info(rule: Rule): SarifRuleInfo {
  const doc = loadRuleDoc(rule.id);
  return { meta: rule, summary: doc.summary, markdown: readRuleDoc(rule.id) };
}

const read = (f: string) => {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return undefined;
  }
};

let tmp: string;
const logs: { name: string; file: string; text: string }[] = [];

/** Runs the multitool once over every log; returns its error-level results per log name. */
function multitoolErrors(): Map<string, string[]> {
  const exe = require('@microsoft/sarif-multitool') as string;
  const report = path.join(tmp, 'multitool-report.sarif');
  const r = spawnSync(exe, ['validate', ...logs.map((l) => l.file), '-o', report, '--log', 'ForceOverwrite', '--rule-kind', 'Sarif;Ghas'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  const out = JSON.parse(readFileSync(report, 'utf8')) as Sarif.Log;
  const errors = new Map<string, string[]>();
  for (const res of out.runs.flatMap((run) => run.results ?? [])) {
    if (res.level !== 'error') continue;
    const uri = res.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
    const name = logs.find((l) => decodeURIComponent(uri).endsWith(path.basename(l.file)))?.name ?? uri;
    const text = res.message.text ?? `${res.ruleId}: ${(res.message.arguments ?? []).join(' | ')}`;
    errors.set(name, [...(errors.get(name) ?? []), `${res.ruleId}: ${text}`]);
  }
  expect(out.runs.length, `multitool output:\n${r.stdout}${r.stderr}`).toBeGreaterThan(0);
  return errors;
}

const loc = (file: string, line: number, col: number, len: number, message?: string): Location => ({
  file,
  range: { start: { line, column: col }, end: { line, column: col + len }, startIndex: 0, endIndex: 0 },
  ...(message !== undefined ? { message } : {}),
});

/** One log with everything optional in it. */
function syntheticLog(): string {
  const file = path.join(packageRoot, 'testdata', 'demo', 'cache.go');
  const outside = path.join(tmpdir(), 'elsewhere', 'a b.go');
  const rule = allRules[0]!;
  const d: Diagnostic = {
    ruleId: rule.id,
    severity: 'error',
    message: 'map m[k] is written [twice] \\ here',
    location: loc(file, 37, 8, 6),
    related: [loc(file, 50, 1, 6, 'access holding c.mu'), loc(file, 37, 8, 6)],
    flow: [loc(file, 20, 1, 4, 'goroutine started here'), loc(file, 37, 8, 6, 'the write')],
    fixes: [
      { title: 'Guard the write with c.mu.Lock()', safe: false, edits: [{ file, startIndex: 10, endIndex: 12, newText: 'x' }] },
      { title: 'Nothing to do', safe: true, edits: [] },
    ],
  };
  const suppressed: Diagnostic = { ...d, message: 'suppressed one', location: loc(file, 40, 1, 2), related: [], flow: [], fixes: [] };
  const far: Diagnostic = { ...suppressed, message: 'outside the source root', severity: 'note', location: loc(outside, 0, 0, 1) };
  return renderSarif(
    {
      diagnostics: [d, far],
      notifications: [
        { kind: 'parse-error', file, message: 'syntax error at 3:1; file skipped', position: { line: 2, column: 0 } },
        { kind: 'rule-error', file: path.dirname(file), message: 'rule failed', ruleId: rule.id },
      ],
      cwd: packageRoot,
      source: read,
    },
    {
      rules: [info(rule), { meta: { ...allRules[1]!, tags: Array.from({ length: 12 }, (_, i) => `tag${i}`) }, summary: 'No doc page.' }],
      srcRoot: packageRoot,
      category: 'mapsafe-test',
      provenance: { repositoryUri: 'https://github.com/mapsafe/mapsafe', revisionId: '0123456789abcdef0123456789abcdef01234567' },
      suppressed: [{ diagnostic: suppressed, justification: 'checked by hand' }],
      baseline: {
        state: (x) => (x === d ? 'new' : 'unchanged'),
        absent: [{ ruleId: rule.id, ruleIndex: 7, level: 'error', message: { text: 'gone' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'gone.go', uriBaseId: 'SRCROOT' }, region: { startLine: 3 } } }] }],
      },
    },
  );
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'mapsafe-sarif-'));
  for (const rule of allRules) {
    const files = fixtureCases(rule.id).flatMap(goFilesUnder);
    if (files.length === 0) continue;
    const result = await scanFiles(files, { rules: [rule] });
    const text = renderSarif(
      { diagnostics: result.diagnostics, notifications: result.notifications, cwd: packageRoot, source: read },
      { rules: [info(rule)], srcRoot: packageRoot },
    );
    const file = path.join(tmp, `${rule.id}.sarif`);
    writeFileSync(file, text);
    logs.push({ name: rule.id, file, text });
  }
  const synthetic = syntheticLog();
  logs.push({ name: 'synthetic', file: path.join(tmp, 'synthetic.sarif'), text: synthetic });
  writeFileSync(path.join(tmp, 'synthetic.sarif'), synthetic);
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('sarif', () => {
  it('has a log for every rule with fixtures, with results', () => {
    expect(logs.map((l) => l.name)).toEqual([...allRules.map((r) => r.id).filter((id) => fixtureCases(id).length > 0), 'synthetic']);
    for (const l of logs) expect((JSON.parse(l.text) as Sarif.Log).runs[0]!.results!.length, l.name).toBeGreaterThan(0);
  });

  it('is valid against the SARIF 2.1.0 JSON schema', () => {
    const validate = validator();
    for (const l of logs) {
      const ok = validate(JSON.parse(l.text));
      expect(ok ? [] : validate.errors, `${l.name}: schema errors`).toEqual([]);
    }
  });

  it('has no error-level results under the SARIF multitool (rule kinds Sarif and Ghas)', () => {
    const errors = multitoolErrors();
    expect(Object.fromEntries(errors)).toEqual({});
  }, 120_000);

  it('describes the rules that ran and refers to them by index', () => {
    for (const l of logs.filter((x) => x.name !== 'synthetic')) {
      const run = (JSON.parse(l.text) as Sarif.Log).runs[0]!;
      const driver = run.tool.driver;
      expect(driver).toMatchObject({ name: 'mapsafe', informationUri: expect.stringMatching(/^https:\/\//) });
      expect(driver.semanticVersion).toBe(driver.version);
      const rule = driver.rules![0]!;
      expect(rule.id).toBe(l.name);
      expect(rule.helpUri).toMatch(new RegExp(`/rules/${l.name}\\.md$`));
      expect(rule.help!.markdown).toBe(readRuleDoc(l.name));
      expect(rule.help!.text).not.toMatch(/^```/m);
      expect(rule.properties!.tags!.length).toBeLessThanOrEqual(maxTags);
      expect(rule.properties!['problem.severity']).toMatch(/^(error|warning|recommendation)$/);
      expect(run.columnKind).toBe('utf16CodeUnits');
      expect(run.originalUriBaseIds!.SRCROOT!.uri).toMatch(/^file:\/\/.*\/$/);
      for (const r of run.results!) {
        expect(r.ruleIndex).toBe(0);
        const phys = r.locations![0]!.physicalLocation!;
        expect(phys.artifactLocation!.uriBaseId).toBe('SRCROOT');
        expect(phys.artifactLocation!.uri).toMatch(new RegExp(`^testdata/${l.name}/`));
        expect(r.partialFingerprints!.primaryLocationLineHash).toMatch(/^[0-9a-f]+:\d+$/);
        for (const [i, rel] of (r.relatedLocations ?? []).entries()) expect(r.message.text).toContain(`](${rel.id})`), expect(rel.id).toBe(i + 1);
      }
    }
  });

  it('writes fixes, code flows, suppressions, baseline states and notifications', () => {
    const run = (JSON.parse(logs.find((l) => l.name === 'synthetic')!.text) as Sarif.Log).runs[0]!;
    const byText = (t: string) => run.results!.find((r) => r.message.text!.startsWith(t))!;
    const [first, second, far, absent] = [byText('map m'), byText('suppressed one'), byText('outside'), byText('gone')];
    expect(first!.message.text).toBe('map m\\[k\\] is written \\[twice\\] \\\\ here (see [access holding c.mu](1), [related location](2))');
    expect(first!.fixes).toEqual([
      {
        description: { text: 'Guard the write with c.mu.Lock()' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'testdata/demo/cache.go', uriBaseId: 'SRCROOT' },
            replacements: [{ deletedRegion: { charOffset: 10, charLength: 2 }, insertedContent: { text: 'x' } }],
          },
        ],
      },
    ]);
    expect(first!.codeFlows![0]!.threadFlows[0]!.locations.map((l) => l.location!.message?.text)).toEqual(['goroutine started here', 'the write']);
    expect(first!.baselineState).toBe('new');
    expect(second!.suppressions).toEqual([{ kind: 'inSource', justification: 'checked by hand' }]);
    expect(second!.baselineState).toBe('unchanged');
    expect(far!.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: expect.stringMatching(/^file:\/\/.*\/a%20b\.go$/) });
    expect(absent).toMatchObject({ baselineState: 'absent', ruleIndex: 0, message: { text: 'gone' } });
    expect(run.automationDetails).toEqual({ id: 'mapsafe-test/' });
    expect(run.versionControlProvenance![0]!.revisionId).toHaveLength(40);
    const notes = run.invocations![0]!.toolExecutionNotifications!;
    expect(notes.map((n) => n.descriptor!.id)).toEqual(['rule-error', 'parse-error', 'truncated-tags']);
    expect(run.invocations![0]!.executionSuccessful).toBe(false);
    expect(run.tool.driver.rules![1]!.properties!.tags).toHaveLength(maxTags);
  });

  it('truncates to 25,000 results with a notification', () => {
    const file = path.join(packageRoot, 'x.go');
    const many: Diagnostic[] = Array.from({ length: 25_002 }, (_, i) => ({
      ruleId: 'r',
      severity: 'note',
      message: `m${i}`,
      location: loc(file, i, 0, 1),
      related: [],
      fixes: [],
    }));
    const run = (JSON.parse(renderSarif({ diagnostics: many, notifications: [], cwd: packageRoot, source: () => undefined }, { rules: [], srcRoot: packageRoot })) as Sarif.Log)
      .runs[0]!;
    expect(run.results).toHaveLength(25_000);
    expect(run.invocations![0]!.toolExecutionNotifications!.map((n) => n.descriptor!.id)).toEqual(['truncated-results']);
  });
});
