// Wrapping one statement in a lock, in the form that cannot leave the lock held:
// `mu.Lock(); defer mu.Unlock()` before a return, plain Lock/Unlock around a simple
// statement without calls, else a closure `func() { mu.Lock(); defer mu.Unlock(); ... }()`.
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../diagnostic.js';
import type { SourceFile } from '../package.js';
import { T, descendantsOf, enclosingFunction } from '../syntax.js';
import { isSimple, mentions, stmtFacts } from './stmts.js';
import type { StmtFacts } from './stmts.js';
import { commentAlignEdits, eol, indentAt, indentEdits, lineStart, trailingComments } from './text.js';

export interface Wrapped { edits: TextEdit[]; safe: boolean; form: 'return' | 'plain' | 'closure'; /** Rows before which runs of aligned trailing comments are cut. */ cuts: number[] }

/** Where a statement's line ends, after a trailing comment (the comment stays with the statement). */
export function lineEndAfter(text: string, stmt: Node): number {
  const nlAt = text.indexOf('\n', stmt.endIndex);
  const end = nlAt < 0 ? text.length : nlAt;
  const rest = text.slice(stmt.endIndex, end).replace(/\r$/, '');
  if (/^\s*(\/\/.*)?$/.test(rest)) return stmt.endIndex + rest.length;
  return stmt.endIndex;
}

/**
 * Wrap `stmt` in `lock`. `risky` tells whether calls or in-place literals of the statement
 * may block, take a lock, or reach the guarded map again (the fix is then only a suggestion).
 */
export function wrapStatement(file: SourceFile, stmt: Node, lock: string, read: boolean, risky: (facts: StmtFacts) => boolean): Wrapped | null {
  const text = file.text;
  const nl = eol(text);
  const ind = indentAt(text, stmt.startIndex);
  if (lineStart(text, stmt.startIndex) + ind.length !== stmt.startIndex) return null;
  const [L, U] = read ? ['RLock', 'RUnlock'] : ['Lock', 'Unlock'];
  const facts = stmtFacts([stmt]);
  const danger = facts.blocks || facts.lockCalls.length > 0 || risky(facts);
  const at = (i: number, s: string): TextEdit => ({ file: file.path, startIndex: i, endIndex: i, newText: s });
  if (stmt.type === T.returnStatement) {
    return { edits: [at(stmt.startIndex, `${lock}.${L}()${nl}${ind}defer ${lock}.${U}()${nl}${ind}`)], safe: !danger, form: 'return', cuts: [stmt.startPosition.row] };
  }
  const end = lineEndAfter(text, stmt);
  const cuts = [stmt.startPosition.row, stmt.endPosition.row + 1];
  if (facts.leaves || facts.defers) return null;
  if (isSimple(stmt) && facts.calls.length === 0 && facts.literals.length === 0) {
    return { edits: [at(stmt.startIndex, `${lock}.${L}()${nl}${ind}`), at(end, `${nl}${ind}${lock}.${U}()`)], safe: !danger, form: 'plain', cuts };
  }
  const fn = enclosingFunction(stmt);
  const after = text.slice(end, fn ? fn.endIndex : text.length);
  if (mentions(after, facts.declared)) {
    // Declarations used later: only a plain Lock/Unlock keeps them in scope; a panic in a call would leave the lock held.
    return { edits: [at(stmt.startIndex, `${lock}.${L}()${nl}${ind}`), at(end, `${nl}${ind}${lock}.${U}()`)], safe: false, form: 'plain', cuts };
  }
  const inner = indentEdits(file.path, text, stmt.startIndex, end);
  if (!inner) return null;
  return {
    edits: [at(stmt.startIndex, `func() {${nl}${ind}\t${lock}.${L}()${nl}${ind}\tdefer ${lock}.${U}()${nl}${ind}\t`), ...inner, at(end, `${nl}${ind}}()`)],
    safe: !danger,
    form: 'closure',
    cuts,
  };
}

/** Edits that re-align the trailing comments around wrapped statements of one file. */
export function realign(file: SourceFile, cuts: number[]): TextEdit[] {
  if (cuts.length === 0) return [];
  const comments = trailingComments(file.text, descendantsOf(file.root, [T.comment]));
  return commentAlignEdits(file.path, file.text, comments, new Set(cuts));
}

/** Whether `lock` may still be held at `at` in the function: a deferred unlock before it, or more Locks than Unlocks. */
export function mayHold(fn: Node, lock: string, at: number): boolean {
  const before = fn.text.slice(0, at - fn.startIndex);
  const q = lock.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`defer\\s+${q}\\.R?Unlock\\(\\)`).test(before)) return true;
  const count = (re: string) => (before.match(new RegExp(re, 'g')) ?? []).length;
  return count(`(?<!defer\\s+)${q}\\.R?Lock\\(\\)`) > count(`(?<!defer\\s+)${q}\\.R?Unlock\\(\\)`);
}
