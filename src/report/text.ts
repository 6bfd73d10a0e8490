// The text format: one finding per line, `path:line:col: message [rule-id]`, each related
// location on its own line below it, indented by a tab: `\tpath:line:col: message`.
// Lines are 1-based; columns are 1-based UTF-16 code units (bytes for ASCII text).
import type { Location, Notification } from '../diagnostic.js';
import { displayPath, sortedDiagnostics, type ReportInput } from './common.js';

function where(loc: Location, cwd: string): string {
  return `${displayPath(loc.file, cwd)}:${loc.range.start.line + 1}:${loc.range.start.column + 1}`;
}

export function renderText(input: ReportInput): string {
  const lines: string[] = [];
  for (const d of sortedDiagnostics(input.diagnostics)) {
    lines.push(`${where(d.location, input.cwd)}: ${d.message} [${d.ruleId}]`);
    for (const r of d.related) lines.push(`\t${where(r, input.cwd)}${r.message ? `: ${r.message}` : ''}`);
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** A notification as printed on stderr: `mapsafe: path[:line:col]: message`. */
export function formatNotification(n: Notification, cwd: string): string {
  const pos = n.position ? `:${n.position.line + 1}:${n.position.column + 1}` : '';
  const rule = n.ruleId ? ` [${n.ruleId}]` : '';
  return `mapsafe: ${displayPath(n.file, cwd)}${pos}: ${n.message}${rule}`;
}
