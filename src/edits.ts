// Applying text edits (UTF-16 offsets) to a file's text.
import type { Diagnostic, Fix, TextEdit } from './diagnostic.js';

export interface AppliedEdits {
  text: string;
  /** Fixes skipped because their edits overlapped edits already taken. */
  skipped: Fix[];
}

/** Apply the edits of whole fixes to one file's text, in order; a fix that overlaps an earlier one is skipped. */
export function applyFixes(file: string, text: string, fixes: Fix[]): AppliedEdits {
  const taken: TextEdit[] = [];
  const skipped: Fix[] = [];
  for (const fix of fixes) {
    const mine = fix.edits.filter((e) => e.file === file);
    if (mine.some((e) => e.startIndex > e.endIndex || e.endIndex > text.length)) { skipped.push(fix); continue; }
    // An edit identical to one already taken (the same import added by two fixes) is shared, not a conflict.
    const same = (e: TextEdit, t: TextEdit) => e.startIndex === t.startIndex && e.endIndex === t.endIndex && e.newText === t.newText;
    const fresh = mine.filter((e) => !taken.some((t) => same(e, t)));
    const overlaps = fresh.some((e) => taken.some((t) => e.startIndex < t.endIndex && t.startIndex < e.endIndex || (e.startIndex === t.startIndex && e.endIndex === t.endIndex)));
    if (overlaps) { skipped.push(fix); continue; }
    taken.push(...fresh);
  }
  taken.sort((a, b) => b.startIndex - a.startIndex || b.endIndex - a.endIndex);
  let out = text;
  for (const e of taken) out = out.slice(0, e.startIndex) + e.newText + out.slice(e.endIndex);
  return { text: out, skipped };
}

/** The safe fixes of diagnostics, first fix of each diagnostic only. */
export function safeFixes(diagnostics: Diagnostic[]): Fix[] {
  const out: Fix[] = [];
  for (const d of diagnostics) {
    const f = d.fixes.find((x) => x.safe);
    if (f) out.push(f);
  }
  return out;
}
