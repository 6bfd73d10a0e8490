// The checkstyle format (Jenkins' warnings plugin, reviewdog -f=checkstyle): one <file> per
// file with findings, in path order, one <error> per finding. Lines and columns are 1-based
// (columns in UTF-16 code units, as everywhere else); `source` is `mapsafe.<rule-id>`.
import type { Diagnostic } from '../diagnostic.js';
import { toolName } from '../version.js';
import { displayPath, sortedDiagnostics, type ReportInput } from './common.js';

/** Escape text for an XML 1.0 attribute value; characters XML 1.0 cannot carry are dropped. */
export function xmlAttribute(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function error(d: Diagnostic): string {
  const { line, column } = d.location.range.start;
  const attrs: [string, string | number][] = [
    ['line', line + 1],
    ['column', column + 1],
    ['severity', d.severity === 'note' ? 'info' : d.severity],
    ['message', d.message],
    ['source', `${toolName}.${d.ruleId}`],
  ];
  return `    <error ${attrs.map(([k, v]) => `${k}="${xmlAttribute(String(v))}"`).join(' ')}/>`;
}

export function renderCheckstyle(input: ReportInput): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  let file: string | undefined;
  for (const d of sortedDiagnostics(input.diagnostics)) {
    if (d.location.file !== file) {
      if (file !== undefined) lines.push('  </file>');
      file = d.location.file;
      lines.push(`  <file name="${xmlAttribute(displayPath(file, input.cwd))}">`);
    }
    lines.push(error(d));
  }
  if (file !== undefined) lines.push('  </file>');
  lines.push('</checkstyle>');
  return lines.map((l) => `${l}\n`).join('');
}
