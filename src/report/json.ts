// The json format, schema version 1 (documented in README.md, "JSON output"). Stable:
// fields are only ever added; a change that removes or changes a field bumps `version`.
import type { Diagnostic, Fix, Location, Notification, TextEdit } from '../diagnostic.js';
import { toolName, version as toolVersion } from '../version.js';
import { displayPath, positionAt, sortedDiagnostics, sortedNotifications, type ReportInput } from './common.js';

export const jsonSchemaVersion = 1;

interface JsonRegion {
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

function region(loc: Location, cwd: string): JsonRegion {
  const { start, end } = loc.range;
  return {
    path: displayPath(loc.file, cwd),
    startLine: start.line + 1,
    startColumn: start.column + 1,
    endLine: end.line + 1,
    endColumn: end.column + 1,
  };
}

function related(loc: Location, cwd: string) {
  return { ...region(loc, cwd), message: loc.message ?? '' };
}

function edit(e: TextEdit, input: ReportInput) {
  const text = input.source(e.file);
  if (text === undefined) throw new Error(`no source text for fix edit in ${e.file}`);
  const start = positionAt(text, e.startIndex);
  const end = positionAt(text, e.endIndex);
  return {
    path: displayPath(e.file, input.cwd),
    startLine: start.line + 1,
    startColumn: start.column + 1,
    endLine: end.line + 1,
    endColumn: end.column + 1,
    newText: e.newText,
  };
}

function fix(f: Fix, input: ReportInput) {
  return { title: f.title, safe: f.safe, edits: f.edits.map((e) => edit(e, input)) };
}

function diagnostic(d: Diagnostic, input: ReportInput) {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    location: region(d.location, input.cwd),
    related: d.related.map((r) => related(r, input.cwd)),
    fixes: d.fixes.map((f) => fix(f, input)),
    ...(d.flow ? { flow: d.flow.map((l) => related(l, input.cwd)) } : {}),
  };
}

function notification(n: Notification, cwd: string) {
  return {
    kind: n.kind,
    path: displayPath(n.file, cwd),
    message: n.message,
    ...(n.ruleId ? { ruleId: n.ruleId } : {}),
    ...(n.position ? { line: n.position.line + 1, column: n.position.column + 1 } : {}),
  };
}

export function renderJson(input: ReportInput): string {
  const doc = {
    version: jsonSchemaVersion,
    tool: { name: toolName, version: toolVersion },
    diagnostics: sortedDiagnostics(input.diagnostics).map((d) => diagnostic(d, input)),
    notifications: sortedNotifications(input.notifications).map((n) => notification(n, input.cwd)),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
