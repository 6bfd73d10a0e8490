// gofmt-aware text helpers for fix builders: line indentation (tabs), re-indenting a
// range by one level, import insertion into the file's import block (sorted within
// its group as gofmt leaves it), and tabwriter-style alignment of struct field lines.
import type { TextEdit } from '../diagnostic.js';
import type { SourceFile } from '../package.js';
import { T, namedChildrenNoComments, stringValue } from '../syntax.js';

/** Offset of the start of the line holding `index`. */
export function lineStart(text: string, index: number): number {
  return text.lastIndexOf('\n', index - 1) + 1;
}

/** The leading whitespace of the line holding `index`. */
export function indentAt(text: string, index: number): string {
  const re = /[ \t]*/y;
  re.lastIndex = lineStart(text, index);
  return re.exec(text)![0];
}

/**
 * Edits that indent the lines of text[start, end) after the first by one tab (empty lines
 * stay empty, as gofmt leaves them). Null when the range holds a raw string or block comment
 * that spans lines (their content must not change).
 */
export function indentEdits(file: string, text: string, start: number, end: number): TextEdit[] | null {
  const slice = text.slice(start, end);
  if (spansLines(slice, '`', '`') || spansLines(slice, '/*', '*/')) return null;
  const out: TextEdit[] = [];
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    const next = i + 1;
    if (next < end && text[next] !== '\n' && text[next] !== '\r') out.push({ file, startIndex: next, endIndex: next, newText: '\t' });
  }
  return out;
}

/** Whether some open...close pair in `text` contains a newline (linear: no backtracking). */
export function spansLines(text: string, open: string, close: string): boolean {
  for (let i = text.indexOf(open); i >= 0; i = text.indexOf(open, i)) {
    const end = text.indexOf(close, i + open.length);
    if (end < 0) return false;
    const nl = text.indexOf('\n', i + open.length);
    if (nl >= 0 && nl < end) return true;
    i = end + close.length;
  }
  return false;
}

/** The line ending style of a text. */
export function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function isStd(path: string): boolean {
  return !path.split('/')[0]!.includes('.');
}

/**
 * The edit that imports `path` in a file, or null when the file imports it already.
 * A block's standard-library group receives it at its sorted place; a single import
 * becomes a block; a file without imports gets one after the package clause.
 */
export function importEdit(file: SourceFile, path: string): TextEdit | null | 'conflict' {
  if (file.imports.some((i) => i.path === path && (i.local === defaultName(path)))) return null;
  if (file.imports.some((i) => i.path === path) || file.importsByName.has(defaultName(path))) return 'conflict';
  const decls = namedChildrenNoComments(file.root).filter((d) => d.type === T.importDecl);
  const specsOf = (d: Node2) => namedChildrenNoComments(d).flatMap((c) => (c.type === T.importSpecList ? namedChildrenNoComments(c).filter((s) => s.type === T.importSpec) : c.type === T.importSpec ? [c] : []));
  const isC = (d: Node2) => specsOf(d).some((s) => stringValue(s.childForFieldName('path')!) === 'C');
  const blocks = decls.filter((d) => !isC(d) && namedChildrenNoComments(d).some((c) => c.type === T.importSpecList));
  const text = file.text;
  const nl = eol(text);
  const line = `\t"${path}"${nl}`;
  if (blocks.length > 0) {
    const specs = specsOf(blocks[0]!);
    // Groups: runs of specs on consecutive lines.
    const groups: Node2[][] = [];
    for (const s of specs) {
      const g = groups[groups.length - 1];
      const prev = g?.[g.length - 1];
      if (prev && s.startPosition.row - prev.endPosition.row <= 1) g!.push(s);
      else groups.push([s]);
    }
    const std = groups.find((g) => g.some((s) => isStd(stringValue(s.childForFieldName('path')!))));
    if (!std) {
      const first = specs[0];
      if (!first) {
        const list = namedChildrenNoComments(blocks[0]!).find((c) => c.type === T.importSpecList)!;
        return { file: file.path, startIndex: list.startIndex, endIndex: list.endIndex, newText: `(${nl}${line})` };
      }
      const at = lineStart(text, first.startIndex);
      return { file: file.path, startIndex: at, endIndex: at, newText: line + nl };
    }
    const after = std.find((s) => stringValue(s.childForFieldName('path')!) > path);
    if (after) {
      const at = lineStart(text, after.startIndex);
      return { file: file.path, startIndex: at, endIndex: at, newText: line };
    }
    const last = std[std.length - 1]!;
    const eolAt = text.indexOf('\n', last.endIndex);
    const at = eolAt < 0 ? text.length : eolAt + 1;
    return { file: file.path, startIndex: at, endIndex: at, newText: line };
  }
  const single = decls.find((d) => !isC(d));
  if (single) {
    const spec = specsOf(single)[0]!;
    const mine = `"${path}"`;
    const p = stringValue(spec.childForFieldName('path')!);
    const lines = isStd(p) ? (p < path ? [spec.text, mine] : [mine, spec.text]) : [mine, '', spec.text];
    const body = lines.map((l) => (l ? `\t${l}` : '')).join(nl);
    return { file: file.path, startIndex: single.startIndex, endIndex: single.endIndex, newText: `import (${nl}${body}${nl})` };
  }
  const pkg = namedChildrenNoComments(file.root).find((c) => c.type === T.packageClause);
  if (!pkg) return 'conflict';
  const cgo = decls.find(isC);
  if (cgo) return { file: file.path, startIndex: cgo.endIndex, endIndex: cgo.endIndex, newText: `${nl}${nl}import "${path}"` };
  return { file: file.path, startIndex: pkg.endIndex, endIndex: pkg.endIndex, newText: `${nl}${nl}import "${path}"` };
}

type Node2 = import('web-tree-sitter').Node;

export function defaultName(path: string): string {
  const parts = path.split('/');
  const last = parts[parts.length - 1]!;
  return /^v\d+$/.test(last) && parts.length > 1 ? parts[parts.length - 2]! : last;
}

/**
 * Align lines of cells as text/tabwriter does for gofmt (padding 1, spaces): a column's
 * width is taken over each run of consecutive lines that have a cell after it; the last
 * cell of a line is never padded.
 */
export function alignCells(lines: string[][]): string[] {
  const widths: number[][] = lines.map((l) => l.map(() => 0));
  const col = (c: number, from: number, to: number) => {
    let i = from;
    while (i < to) {
      if (lines[i]!.length <= c + 1) { i++; continue; }
      let j = i;
      let w = 0;
      while (j < to && lines[j]!.length > c + 1) { w = Math.max(w, [...lines[j]![c]!].length); j++; }
      for (let k = i; k < j; k++) widths[k]![c] = w + 1;
      col(c + 1, i, j);
      i = j;
    }
  };
  col(0, 0, lines.length);
  return lines.map((l, i) => l.map((cell, c) => (c < l.length - 1 ? cell.padEnd(widths[i]![c]!, ' ') : cell)).join(''));
}

interface CommentLine { row: number; indent: string; codeEnd: number; commentStart: number; width: number }

/** Lines of `text` that end in a `//` comment after code, by row (from the tree's comment nodes). */
export function trailingComments(text: string, comments: Array<{ startIndex: number; text: string }>): Map<number, CommentLine> {
  const out = new Map<number, CommentLine>();
  for (const c of comments) {
    if (!c.text.startsWith('//')) continue;
    const ls = lineStart(text, c.startIndex);
    const before = text.slice(ls, c.startIndex);
    const code = before.replace(/[ \t]+$/, '');
    const indent = /^[ \t]*/.exec(code)![0];
    if (code.length === indent.length) continue;
    const row = text.slice(0, ls).split('\n').length - 1;
    out.set(row, { row, indent, codeEnd: ls + code.length, commentStart: c.startIndex, width: [...code.slice(indent.length)].length });
  }
  return out;
}

/**
 * Edits that re-align trailing comments the way gofmt does once the runs of consecutive
 * commented lines (same indentation) are cut before the rows in `cutBefore`: in each run,
 * comments start one space after the longest code.
 */
export function commentAlignEdits(file: string, text: string, comments: Map<number, CommentLine>, cutBefore: Set<number>): TextEdit[] {
  const rows = [...comments.keys()].sort((a, b) => a - b);
  const runsOf = (cut: boolean) => {
    const runs: CommentLine[][] = [];
    for (const r of rows) {
      const c = comments.get(r)!;
      const run = runs[runs.length - 1];
      const prev = run?.[run.length - 1];
      if (prev && prev.row === r - 1 && prev.indent === c.indent && !(cut && cutBefore.has(r))) run!.push(c);
      else runs.push([c]);
    }
    return runs;
  };
  // Only runs that a cut splits change.
  const split = new Set(runsOf(false).filter((run) => [...cutBefore].some((r) => r > run[0]!.row && r <= run[run.length - 1]!.row)).flat().map((c) => c.row));
  const out: TextEdit[] = [];
  for (const run of runsOf(true)) {
    if (!split.has(run[0]!.row)) continue;
    const w = Math.max(...run.map((c) => c.width));
    for (const c of run) {
      const pad = ' '.repeat(w - c.width + 1);
      if (text.slice(c.codeEnd, c.commentStart) !== pad) out.push({ file, startIndex: c.codeEnd, endIndex: c.commentStart, newText: pad });
    }
  }
  return out;
}

/**
 * Edits that re-align trailing comments as gofmt does after single-line `edits` changed the
 * width of code on commented lines: in each run of consecutive commented lines with the
 * same indentation that holds an edited line, comments start one space after the longest
 * code. Edits that span lines are not accounted for (their lines keep their padding).
 */
export function realignEdits(file: string, text: string, comments: Map<number, CommentLine>, edits: readonly TextEdit[]): TextEdit[] {
  const width = new Map<number, number>();
  for (const c of comments.values()) {
    const ls = lineStart(text, c.commentStart);
    let w = c.width;
    let touched = false;
    for (const e of edits) {
      if (e.file !== file || e.endIndex <= ls || e.startIndex >= c.commentStart) continue;
      const old = text.slice(e.startIndex, e.endIndex);
      if (e.endIndex > c.codeEnd || old.includes('\n') || e.newText.includes('\n')) { touched = false; w = c.width; break; }
      w += [...e.newText].length - [...old].length;
      touched = true;
    }
    if (touched) width.set(c.row, w);
  }
  if (width.size === 0) return [];
  const rows = [...comments.keys()].sort((a, b) => a - b);
  const runs: CommentLine[][] = [];
  for (const r of rows) {
    const c = comments.get(r)!;
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    if (prev && prev.row === r - 1 && prev.indent === c.indent) run!.push(c);
    else runs.push([c]);
  }
  const out: TextEdit[] = [];
  for (const run of runs) {
    if (!run.some((c) => width.has(c.row))) continue;
    const w = Math.max(...run.map((c) => width.get(c.row) ?? c.width));
    for (const c of run) {
      const pad = ' '.repeat(w - (width.get(c.row) ?? c.width) + 1);
      if (text.slice(c.codeEnd, c.commentStart) !== pad) out.push({ file, startIndex: c.codeEnd, endIndex: c.commentStart, newText: pad });
    }
  }
  return out;
}
