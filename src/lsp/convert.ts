// mapsafe diagnostics -> LSP diagnostics and quick fixes. Pure: file texts come from
// `source`. Positions are already 0-based lines and UTF-16 columns, LSP's own units; fix
// edits carry UTF-16 offsets, turned into positions on the text the scan read.
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver/node';
import type { Diagnostic, Fix, Location, Range, Severity } from '../diagnostic.js';
import { positionAt } from '../report/common.js';
import { ruleDocsBaseUri } from '../report/sarif.js';
import { toolName } from '../version.js';

/** The page documenting a rule (the same link SARIF's helpUri gives). */
export function ruleDocUrl(ruleId: string): string {
  return `${ruleDocsBaseUri}${ruleId}.md`;
}

/** A file's URI: the one the editor used for open documents, a file: URL otherwise. */
export type UriOf = (file: string) => string;

export const fileUri: UriOf = (file) => pathToFileURL(file).href;

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  note: DiagnosticSeverity.Information,
};

function lspRange(r: Range): LspRange {
  return { start: { line: r.start.line, character: r.start.column }, end: { line: r.end.line, character: r.end.column } };
}

function related(loc: Location, uriOf: UriOf): DiagnosticRelatedInformation {
  return { location: { uri: uriOf(loc.file), range: lspRange(loc.range) }, message: loc.message || 'related location' };
}

export function toLspDiagnostic(d: Diagnostic, uriOf: UriOf = fileUri): LspDiagnostic {
  const out: LspDiagnostic = {
    range: lspRange(d.location.range),
    severity: severities[d.severity],
    code: d.ruleId,
    codeDescription: { href: ruleDocUrl(d.ruleId) },
    source: toolName,
    message: d.message,
  };
  if (d.related.length > 0) out.relatedInformation = d.related.map((r) => related(r, uriOf));
  return out;
}

/** A fix as a quickfix code action, or undefined when an edited file's text is unknown. */
export function toCodeAction(
  fix: Fix,
  diagnostic: LspDiagnostic,
  source: (file: string) => string | undefined,
  uriOf: UriOf = fileUri,
): CodeAction | undefined {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const e of fix.edits) {
    const text = source(e.file);
    if (text === undefined || e.startIndex > e.endIndex || e.endIndex > text.length) return undefined;
    const start = positionAt(text, e.startIndex);
    const end = positionAt(text, e.endIndex);
    (changes[uriOf(e.file)] ??= []).push({
      range: { start: { line: start.line, character: start.column }, end: { line: end.line, character: end.column } },
      newText: e.newText,
    });
  }
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.safe, edit: { changes } };
}

export interface Converted {
  diagnostic: LspDiagnostic;
  actions: CodeAction[];
}

/** A diagnostic with its fixes as quick fixes. */
export function convert(d: Diagnostic, source: (file: string) => string | undefined, uriOf: UriOf = fileUri): Converted {
  const diagnostic = toLspDiagnostic(d, uriOf);
  const actions = d.fixes.map((f) => toCodeAction(f, diagnostic, source, uriOf)).filter((a): a is CodeAction => a !== undefined);
  return { diagnostic, actions };
}

/** Whether two LSP ranges overlap or touch (a cursor on a diagnostic's edge counts). */
export function rangesTouch(a: LspRange, b: LspRange): boolean {
  const before = (p: LspRange['start'], q: LspRange['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
