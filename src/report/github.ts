// The github format: GitHub Actions workflow commands, one per finding, which the runner
// turns into annotations on the pull request:
//   ::error file=path,line=L,col=C,endLine=L2,endColumn=C2,title=rule-id::message
// `warning` and `notice` for the other severities. Escaping as the Actions toolkit does:
// data escapes %, \r, \n; property values also escape : and ,.
import type { Severity } from '../diagnostic.js';
import { displayPath, sortedDiagnostics, type ReportInput } from './common.js';

const commands: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function renderGithub(input: ReportInput): string {
  let out = '';
  for (const d of sortedDiagnostics(input.diagnostics)) {
    const { start, end } = d.location.range;
    const props = [
      `file=${escapeProperty(displayPath(d.location.file, input.cwd))}`,
      `line=${start.line + 1}`,
      `col=${start.column + 1}`,
      `endLine=${end.line + 1}`,
      `endColumn=${end.column + 1}`,
      `title=${escapeProperty(d.ruleId)}`,
    ];
    const related = d.related.map(
      (r) => `\n${displayPath(r.file, input.cwd)}:${r.range.start.line + 1}:${r.range.start.column + 1}${r.message ? `: ${r.message}` : ''}`,
    );
    out += `::${commands[d.severity]} ${props.join(',')}::${escapeData(`${d.message}${related.join('')}`)}\n`;
  }
  return out;
}
