// What every reporter shares: the input shape, display paths, order, offset -> position.
import { relative, sep } from 'node:path';
import { compareDiagnostics, type Diagnostic, type Notification } from '../diagnostic.js';

export interface ReportInput {
  diagnostics: readonly Diagnostic[];
  notifications: readonly Notification[];
  /** Paths are printed relative to this directory. */
  cwd: string;
  /** Text of a file; needed to turn fix edits' offsets into lines and columns (see filesWithEdits). */
  source(file: string): string | undefined;
}

/** Files whose text `source` must supply: those that fix edits touch. */
export function filesWithEdits(diagnostics: readonly Diagnostic[]): string[] {
  const files = new Set<string>();
  for (const d of diagnostics) for (const f of d.fixes) for (const e of f.edits) files.add(e.file);
  return [...files].sort(compareStrings);
}

/** `file` relative to cwd, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  return (relative(cwd, file) || '.').split(sep).join('/');
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}

export function sortedNotifications(notifications: readonly Notification[]): Notification[] {
  return [...notifications].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      (a.position?.line ?? -1) - (b.position?.line ?? -1) ||
      (a.position?.column ?? -1) - (b.position?.column ?? -1) ||
      compareStrings(a.kind, b.kind) ||
      compareStrings(a.ruleId ?? '', b.ruleId ?? '') ||
      compareStrings(a.message, b.message),
  );
}

/** 0-based {line, column} of a UTF-16 offset in text; lines end at '\n', as tree-sitter counts rows. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart };
}
