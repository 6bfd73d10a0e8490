// The data every stage after the rules speaks: diagnostics, locations, fixes and
// tool notifications. Positions are kept as tree-sitter gives them on JS strings:
// 0-based lines and 0-based columns in UTF-16 code units, plus UTF-16 offsets into
// the file text. Reporters convert to 1-based lines/columns at the edge.

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units. */
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
  /** UTF-16 offset of the start in the file text. */
  startIndex: number;
  /** UTF-16 offset just past the end in the file text. */
  endIndex: number;
}

export interface Location {
  /** Absolute path of the file. */
  file: string;
  range: Range;
  /** What this location is, for related locations ("the goroutine is started here"). */
  message?: string;
}

/** Replace text[startIndex, endIndex) of `file` with newText (UTF-16 offsets). */
export interface TextEdit {
  file: string;
  startIndex: number;
  endIndex: number;
  newText: string;
}

export interface Fix {
  /** A verb phrase: "Guard the write with s.mu.Lock()". */
  title: string;
  /** True when the fix is proven safe by construction and may be applied by --fix. */
  safe: boolean;
  edits: TextEdit[];
}

export type Severity = 'error' | 'warning' | 'note';

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  /** Lowercase, no final period: what, why, and where the related access or lock is. */
  message: string;
  location: Location;
  related: Location[];
  fixes: Fix[];
  /** Optional execution path for races: goroutine root -> access. */
  flow?: Location[];
}

export type NotificationKind = 'read-error' | 'parse-error' | 'rule-error' | 'skipped';

/** A problem of the tool with one file or package, not a finding in the code. */
export interface Notification {
  kind: NotificationKind;
  /** Absolute path of the file or package directory concerned. */
  file: string;
  message: string;
  /** Rule id, for rule errors. */
  ruleId?: string;
  position?: Position;
}

export function compareLocations(a: Location, b: Location): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.range.start.line !== b.range.start.line) return a.range.start.line - b.range.start.line;
  if (a.range.start.column !== b.range.start.column) return a.range.start.column - b.range.start.column;
  if (a.range.end.line !== b.range.end.line) return a.range.end.line - b.range.end.line;
  return a.range.end.column - b.range.end.column;
}

/** Deterministic order: file, position, rule id, message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const c = compareLocations(a.location, b.location);
  if (c !== 0) return c;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
