// Suppressions, applied to the scan's diagnostics before reporting:
//
//   //mapsafe:ignore RULE[,RULE] reason     on the line before the finding, or at the end of its line
//   //mapsafe:file-ignore RULE[,RULE] reason anywhere in the file: the whole file
//   //nolint, //nolint:mapsafe, //nolint:a,mapsafe   golangci-lint's form, same placement
//
// A directive's text ends at the end of its comment line or at a further `//` (so
// `//nolint:mapsafe // why` and a `// want` note in fixtures are not part of it). Inside a
// cgo preamble (a Go comment holding C code) a directive may end a C line.
//
// Malformed mapsafe directives (no rule list, no reason) are reported by the rule
// `mapsafe-directive` (rules/mapsafe-directive.ts); directives naming an unknown rule or
// suppressing nothing are reported here, under the same id, since only the stage after
// the rules knows the registry and the other rules' results.
import type { Diagnostic, Location, Range } from './diagnostic.js';

export const directiveRuleId = 'mapsafe-directive';

export type DirectiveKind = 'ignore' | 'file-ignore' | 'nolint';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named; empty for a bare //nolint (every rule). */
  rules: string[];
  reason: string;
  /** The directive text, from its `//` to its end. */
  range: Range;
  /** 0-based lines whose findings it suppresses (ignore, nolint). */
  lines: number[];
}

export interface Comment {
  /** UTF-16 offset of the comment's first character. */
  start: number;
  text: string;
}

/** The comments of Go source text, skipping strings, raw strings and runes. */
export function goComments(text: string): Comment[] {
  const out: Comment[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      let end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
      out.push({ start: i, text: text.slice(i, end) });
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      let end = text.indexOf('*/', i + 2);
      end = end < 0 ? text.length : end + 2;
      out.push({ start: i, text: text.slice(i, end) });
      i = end;
    } else if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '`') {
      const end = text.indexOf('`', i + 1);
      i = end < 0 ? text.length : end + 1;
    } else {
      i++;
    }
  }
  return out;
}

const DIRECTIVE = /\/\/(mapsafe:ignore|mapsafe:file-ignore|nolint)(?=$|[\s:])/;

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return { line, column: offset - lineStartOf(text, offset) };
}

/** Every directive in a Go file. */
export function parseDirectives(text: string): Directive[] {
  if (!text.includes('mapsafe:') && !text.includes('nolint')) return [];
  const out: Directive[] = [];
  for (const comment of goComments(text)) {
    let lineOffset = comment.start;
    for (const line of comment.text.split('\n')) {
      const here = lineOffset;
      lineOffset += line.length + 1;
      const m = DIRECTIVE.exec(line);
      if (!m) continue;
      const start = here + m.index;
      let body = line.slice(m.index + m[0].length);
      const nested = body.indexOf('//');
      if (nested >= 0) body = body.slice(0, nested);
      if (body.endsWith('*/')) body = body.slice(0, -2);
      const endOffset = start + m[0].length + body.length;
      const kind: DirectiveKind = m[1] === 'nolint' ? 'nolint' : m[1] === 'mapsafe:ignore' ? 'ignore' : 'file-ignore';
      let rules: string[];
      let reason: string;
      if (kind === 'nolint') {
        rules = body.startsWith(':') ? body.slice(1).trim().split(/\s/)[0]!.split(',').filter((s) => s !== '') : [];
        reason = '';
      } else {
        const words = body.trim().split(/\s+/).filter((s) => s !== '');
        rules = (words[0] ?? '').split(',').filter((s) => s !== '');
        reason = words.slice(1).join(' ');
      }
      const startPos = position(text, start);
      const endPos = position(text, endOffset);
      // Alone on its line (only whitespace or comment markers before it): the next line.
      const before = text.slice(lineStartOf(text, start), start);
      const alone = /^[\s/*]*$/.test(before);
      out.push({
        kind,
        rules,
        reason: reason.trim(),
        range: { start: startPos, end: endPos, startIndex: start, endIndex: endOffset },
        lines: alone ? [startPos.line, startPos.line + 1] : [startPos.line],
      });
    }
  }
  return out;
}

/** A nolint directive concerns mapsafe: bare, or naming mapsafe or all. */
function nolintForUs(d: Directive): boolean {
  return d.rules.length === 0 || d.rules.includes('mapsafe') || d.rules.includes('all');
}

/** What is wrong with the form of a mapsafe directive (the rule mapsafe-directive reports it), or undefined. */
export function directiveProblem(d: Directive): string | undefined {
  if (d.kind === 'nolint') return undefined;
  const form = `//mapsafe:${d.kind} RULE[,RULE] reason`;
  if (d.rules.length === 0) return `directive //mapsafe:${d.kind} names no rule; write ${form}`;
  if (d.reason === '') return `directive //mapsafe:${d.kind} ${d.rules.join(',')} needs a reason after the rule list; write ${form}`;
  return undefined;
}

function unknownRulesProblem(d: Directive, knownRules: ReadonlySet<string>): string | undefined {
  const unknown = d.rules.filter((r) => !knownRules.has(r));
  if (d.kind === 'nolint' || unknown.length === 0) return undefined;
  return `directive //mapsafe:${d.kind} names unknown rule ${unknown.map((r) => `"${r}"`).join(', ')} (see mapsafe --list-rules)`;
}

export interface Suppressed {
  diagnostic: Diagnostic;
  /** The directive's reason ("" for nolint). */
  justification: string;
}

export interface SuppressionResult {
  diagnostics: Diagnostic[];
  suppressed: Suppressed[];
}

export interface SuppressOptions {
  /** Ids of the rules that ran: only their directives can be found unused. */
  ranRules: ReadonlySet<string>;
  knownRules: ReadonlySet<string>;
  /** Report directives that name unknown rules or suppress nothing (when mapsafe-directive ran). */
  reportUnused: boolean;
  /** Files whose findings are reported; unused directives elsewhere are not reported. */
  reportOnly?: ReadonlySet<string>;
}

function suppresses(d: Directive, diag: Diagnostic): boolean {
  if (diag.ruleId === directiveRuleId) return false;
  const onLine = d.lines.includes(diag.location.range.start.line);
  if (d.kind === 'nolint') return nolintForUs(d) && onLine;
  if (!d.rules.includes(diag.ruleId) || d.reason === '') return false;
  return d.kind === 'file-ignore' || onLine;
}

function directiveLocation(file: string, d: Directive): Location {
  return { file, range: d.range };
}

/**
 * Splits diagnostics into reported and suppressed, and adds a mapsafe-directive warning
 * for every well-formed mapsafe directive that suppressed nothing.
 */
export function applySuppressions(
  diagnostics: readonly Diagnostic[],
  directives: ReadonlyMap<string, readonly Directive[]>,
  opts: SuppressOptions,
): SuppressionResult {
  const used = new Set<Directive>();
  const kept: Diagnostic[] = [];
  const suppressed: Suppressed[] = [];
  for (const diag of diagnostics) {
    const ds = directives.get(diag.location.file) ?? [];
    const by = ds.find((d) => d.kind !== 'nolint' && suppresses(d, diag)) ?? ds.find((d) => suppresses(d, diag));
    if (by) {
      used.add(by);
      suppressed.push({ diagnostic: diag, justification: by.reason });
    } else {
      kept.push(diag);
    }
  }
  if (opts.reportUnused) {
    for (const [file, ds] of directives) {
      if (opts.reportOnly && !opts.reportOnly.has(file)) continue;
      for (const d of ds) {
        if (d.kind === 'nolint' || used.has(d) || directiveProblem(d) !== undefined) continue;
        const unknown = unknownRulesProblem(d, opts.knownRules);
        if (unknown === undefined && !d.rules.every((r) => opts.ranRules.has(r))) continue;
        kept.push({
          ruleId: directiveRuleId,
          severity: 'warning',
          message: unknown ?? `directive //mapsafe:${d.kind} ${d.rules.join(',')} suppresses nothing; remove it`,
          location: directiveLocation(file, d),
          related: [],
          fixes: [],
        });
      }
    }
  }
  return { diagnostics: kept, suppressed };
}

/** The directives of the files that have any (files that cannot be read have none). */
export function readDirectives(files: readonly string[], read: (file: string) => string | undefined): Map<string, Directive[]> {
  const out = new Map<string, Directive[]>();
  for (const f of [...files].sort()) {
    const text = read(f);
    const ds = text === undefined ? [] : parseDirectives(text);
    if (ds.length > 0) out.set(f, ds);
  }
  return out;
}
