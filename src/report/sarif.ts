// The sarif format: SARIF 2.1.0, one run, shaped for GitHub code scanning (upload-sarif):
// relative URIs under %SRCROOT%, UTF-16 columns, GitHub's line hash as
// partialFingerprints.primaryLocationLineHash, at most 25,000 results and 10 tags per rule.
// A pure function of its input: no clock, no file system (file text comes from `source`).
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Diagnostic, Location, Notification, Severity } from '../diagnostic.js';
import { LineHasher } from '../fingerprint.js';
import type { RuleMeta } from '../rule.js';
import { toolName, version } from '../version.js';
import { sortedDiagnostics, sortedNotifications, type ReportInput } from './common.js';

/** Where the project lives; rule docs are `${ruleDocsBaseUri}<id>.md`. */
export const informationUri = 'https://github.com/mapsafe/mapsafe';
export const ruleDocsBaseUri = `${informationUri}/blob/main/rules/`;

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';
export const srcRootId = 'SRCROOT';
/** GitHub code scanning's limits. */
export const maxResults = 25_000;
export const maxTags = 10;

export interface SarifRuleInfo {
  meta: RuleMeta;
  /** The doc's summary paragraph(s). */
  summary?: string;
  /** The whole doc page (rules/<id>.md). */
  markdown?: string;
}

export type BaselineState = 'new' | 'unchanged';

export interface SarifOptions {
  /** The rules that ran (with the effective severity), in the order of driver.rules. */
  rules: readonly SarifRuleInfo[];
  /** Absolute directory that %SRCROOT% stands for. */
  srcRoot: string;
  /** automationDetails.id is `${category}/`. */
  category?: string;
  provenance?: { repositoryUri: string; revisionId?: string };
  /** Suppressed findings to emit with `suppressions` (--include-suppressed). */
  suppressed?: readonly { diagnostic: Diagnostic; justification: string }[];
  /** With --baseline: the state of each reported diagnostic, and results of the baseline now gone. */
  baseline?: { state(d: Diagnostic): BaselineState; absent: readonly Sarif.Result[] };
}

const levels: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', note: 'note' };
const problemSeverity: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'recommendation' };

/** `file` as a URI relative to srcRoot (uriBaseId %SRCROOT%), or an absolute file URI outside it. */
export function artifactLocation(file: string, srcRoot: string): Sarif.ArtifactLocation {
  const rel = relative(srcRoot, file);
  if (rel === '' || rel.startsWith('..') || /^[a-zA-Z]:/.test(rel) || rel.startsWith(sep)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: srcRootId };
}

/** Plain text for a SARIF message: `[`, `]` and `\` would otherwise read as link syntax. */
function escapeText(s: string): string {
  return s.replace(/[\\[\]]/g, (c) => `\\${c}`);
}

function region(loc: Location): Sarif.Region {
  const { start, end } = loc.range;
  return { startLine: start.line + 1, startColumn: start.column + 1, endLine: end.line + 1, endColumn: end.column + 1 };
}

function physical(loc: Location, srcRoot: string): Sarif.PhysicalLocation {
  return { artifactLocation: artifactLocation(loc.file, srcRoot), region: region(loc) };
}

function location(loc: Location, srcRoot: string, message?: string): Sarif.Location {
  return { physicalLocation: physical(loc, srcRoot), ...(message ? { message: { text: message } } : {}) };
}

/** Markdown to readable plain text: fences and heading marks dropped. */
function markdownToText(md: string): string {
  return md
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((l) => !/^ {0,3}(`{3,}|~{3,})/.test(l))
    .map((l) => l.replace(/^#{1,6} /, ''))
    .join('\n')
    .trim();
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function descriptor(info: SarifRuleInfo): Sarif.ReportingDescriptor {
  const { meta } = info;
  return {
    id: meta.id,
    name: meta.id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: meta.title },
    fullDescription: { text: oneLine(info.summary ?? meta.title) },
    help:
      info.markdown !== undefined
        ? { text: markdownToText(info.markdown), markdown: info.markdown }
        : { text: `${meta.title}. ${oneLine(info.summary ?? '')}`.trim() },
    helpUri: `${ruleDocsBaseUri}${meta.id}.md`,
    defaultConfiguration: { level: levels[meta.severity] },
    properties: { tags: meta.tags.slice(0, maxTags), precision: meta.precision, 'problem.severity': problemSeverity[meta.severity] },
  };
}

function fixes(d: Diagnostic, srcRoot: string): Sarif.Fix[] {
  const out: Sarif.Fix[] = [];
  for (const f of d.fixes) {
    const byFile = new Map<string, Sarif.Replacement[]>();
    for (const e of [...f.edits].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.startIndex - b.startIndex))) {
      let list = byFile.get(e.file);
      if (!list) byFile.set(e.file, (list = []));
      list.push({ deletedRegion: { charOffset: e.startIndex, charLength: e.endIndex - e.startIndex }, insertedContent: { text: e.newText } });
    }
    if (byFile.size === 0) continue;
    out.push({
      description: { text: f.title },
      artifactChanges: [...byFile].map(([file, replacements]) => ({ artifactLocation: artifactLocation(file, srcRoot), replacements })),
    });
  }
  return out;
}

function notification(n: Notification, srcRoot: string): Sarif.Notification {
  const loc: Sarif.Location = {
    physicalLocation: {
      artifactLocation: artifactLocation(n.file, srcRoot),
      ...(n.position ? { region: { startLine: n.position.line + 1, startColumn: n.position.column + 1 } } : {}),
    },
  };
  return {
    level: n.kind === 'skipped' ? 'note' : 'warning',
    message: { text: n.message },
    locations: [loc],
    descriptor: { id: n.kind },
    ...(n.ruleId ? { associatedRule: { id: n.ruleId } } : {}),
  };
}

export function renderSarif(input: ReportInput, opts: SarifOptions): string {
  const { srcRoot } = opts;
  const rules = opts.rules.map(descriptor);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const hasher = new LineHasher(input.source);
  const notes: Sarif.Notification[] = sortedNotifications(input.notifications).map((n) => notification(n, srcRoot));
  for (const info of opts.rules) {
    if (info.meta.tags.length > maxTags) {
      notes.push({
        level: 'note',
        message: { text: `rule ${info.meta.id} has ${info.meta.tags.length} tags; only the first ${maxTags} are written (GitHub's limit)` },
        descriptor: { id: 'truncated-tags' },
      });
    }
  }

  const justification = new Map<Diagnostic, string>((opts.suppressed ?? []).map((s) => [s.diagnostic, s.justification]));
  const all = sortedDiagnostics([...input.diagnostics, ...justification.keys()]);
  const results: Sarif.Result[] = all.map((d) => {
    const related = d.related.map((r, i) => ({ id: i + 1, ...location(r, srcRoot, r.message) }));
    const links = d.related.map((r, i) => `[${escapeText(r.message || 'related location')}](${i + 1})`);
    const hash = hasher.hash(d.location.file, d.location.range.start.line + 1);
    const fx = fixes(d, srcRoot);
    const why = justification.get(d);
    const index = ruleIndex.get(d.ruleId);
    return {
      ruleId: d.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: levels[d.severity],
      message: { text: escapeText(d.message) + (links.length > 0 ? ` (see ${links.join(', ')})` : '') },
      locations: [location(d.location, srcRoot)],
      ...(hash !== undefined ? { partialFingerprints: { primaryLocationLineHash: hash } } : {}),
      ...(related.length > 0 ? { relatedLocations: related } : {}),
      ...(d.flow && d.flow.length > 0
        ? { codeFlows: [{ threadFlows: [{ locations: d.flow.map((l) => ({ location: location(l, srcRoot, l.message) })) }] }] }
        : {}),
      ...(fx.length > 0 ? { fixes: fx } : {}),
      ...(why !== undefined ? { suppressions: [{ kind: 'inSource' as const, ...(why ? { justification: why } : {}) }] } : {}),
      ...(opts.baseline ? { baselineState: opts.baseline.state(d) } : {}),
    };
  });
  for (const r of opts.baseline?.absent ?? []) {
    const index = ruleIndex.get(r.ruleId ?? '');
    const { ruleIndex: _old, ...rest } = r;
    results.push({ ...rest, ...(index !== undefined ? { ruleIndex: index } : {}), baselineState: 'absent' });
  }
  if (results.length > maxResults) {
    notes.push({
      level: 'warning',
      message: { text: `${results.length} results; only the first ${maxResults} are written (GitHub's limit per run)` },
      descriptor: { id: 'truncated-results' },
    });
    results.length = maxResults;
  }

  const run: Sarif.Run = {
    tool: {
      driver: { name: toolName, version, semanticVersion: version, informationUri, rules },
    },
    automationDetails: { id: `${opts.category ?? toolName}/` },
    ...(opts.provenance
      ? {
          versionControlProvenance: [
            {
              repositoryUri: opts.provenance.repositoryUri,
              ...(opts.provenance.revisionId ? { revisionId: opts.provenance.revisionId } : {}),
              mappedTo: { uriBaseId: srcRootId },
            },
          ],
        }
      : {}),
    originalUriBaseIds: { [srcRootId]: { uri: `${pathToFileURL(srcRoot).href.replace(/\/?$/, '/')}` } },
    invocations: [
      {
        executionSuccessful: !input.notifications.some((n) => n.kind === 'rule-error'),
        toolExecutionNotifications: notes,
      },
    ],
    columnKind: 'utf16CodeUnits',
    results,
  };
  const log: Sarif.Log = { $schema: sarifSchemaUri, version: '2.1.0', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
}
