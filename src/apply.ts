// Applying the safe fixes of diagnostics to files: choose fixes whose edits do not
// overlap (a conflicting fix is skipped with a message), compute each file's new text,
// keep only files that still parse with no new syntax errors, and write atomically
// (temporary file in the same directory, then rename), refusing symlinks and files
// that changed since they were scanned. Unified diffs for --diff.
import { chmodSync, lstatSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { Diagnostic, Fix, TextEdit } from './diagnostic.js';
import { applyFixes } from './edits.js';
import { getParser } from './parser.js';

export interface FileChange { file: string; before: string; after: string }

export interface FixPlan {
  changes: FileChange[];
  /** One line each: fixes skipped (conflicts, syntax errors, files that cannot be read). */
  messages: string[];
  /** Fixes whose edits the changes contain. */
  applied: Fix[];
}

/** The first safe fix of each diagnostic, identical fixes once. */
export function chosenFixes(diagnostics: readonly Diagnostic[]): Array<{ fix: Fix; diagnostic: Diagnostic }> {
  const seen = new Set<string>();
  const out: Array<{ fix: Fix; diagnostic: Diagnostic }> = [];
  for (const d of diagnostics) {
    const fix = d.fixes.find((f) => f.safe);
    if (!fix || fix.edits.length === 0) continue;
    const key = JSON.stringify(fix.edits.map((e) => [e.file, e.startIndex, e.endIndex, e.newText]).sort());
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ fix, diagnostic: d });
  }
  return out;
}

const overlap = (a: TextEdit, b: TextEdit) => a.file === b.file && ((a.startIndex < b.endIndex && b.startIndex < a.endIndex) || a.startIndex === b.startIndex);

/** Syntax errors of Go source: ERROR and MISSING nodes. */
export async function syntaxErrors(text: string): Promise<number> {
  const parser = await getParser('go');
  const tree = parser.parse(text);
  if (!tree) return Number.MAX_SAFE_INTEGER;
  try {
    if (!tree.rootNode.hasError) return 0;
    let n = 0;
    const c = tree.rootNode.walk();
    try {
      for (;;) {
        const node = c.currentNode;
        if (node.isError || node.isMissing) n++;
        if (node.hasError && c.gotoFirstChild()) continue;
        while (!c.gotoNextSibling()) if (!c.gotoParent()) return n;
      }
    } finally {
      c.delete();
    }
  } finally {
    tree.delete();
  }
}

function withLineEndings(text: string, newText: string): string {
  return text.includes('\r\n') ? newText.replace(/\r?\n/g, '\r\n') : newText;
}

const where = (cwd: string, f: string) => path.relative(cwd, f) || f;

/**
 * Plan the safe fixes: `scanned(file)` is the text the diagnostics were computed on
 * (undefined when unknown: fixes touching that file are skipped).
 */
export async function planFixes(diagnostics: readonly Diagnostic[], scanned: (file: string) => string | undefined, cwd: string): Promise<FixPlan> {
  let candidates = chosenFixes(diagnostics);
  const messages: string[] = [];
  const loc = (d: Diagnostic) => `${where(cwd, d.location.file)}:${d.location.range.start.line + 1}`;
  for (;;) {
    const taken: TextEdit[] = [];
    const accepted: typeof candidates = [];
    for (const c of candidates) {
      const bad = c.fix.edits.find((e) => {
        const t = scanned(e.file);
        return t === undefined || e.startIndex > e.endIndex || e.endIndex > t.length;
      });
      if (bad) { messages.push(`${loc(c.diagnostic)}: fix "${c.fix.title}" skipped: ${where(cwd, bad.file)} cannot be edited`); continue; }
      const fresh = c.fix.edits.filter((e) => !taken.some((t) => e.file === t.file && e.startIndex === t.startIndex && e.endIndex === t.endIndex && e.newText === t.newText));
      if (fresh.some((e) => taken.some((t) => overlap(e, t)))) {
        messages.push(`${loc(c.diagnostic)}: fix "${c.fix.title}" skipped: it conflicts with another fix (--fix applies it in a later round)`);
        continue;
      }
      taken.push(...fresh);
      accepted.push(c);
    }
    const files = [...new Set(taken.map((e) => e.file))].sort();
    const changes: FileChange[] = [];
    const broken = new Set<string>();
    for (const file of files) {
      const before = scanned(file)!;
      const fixes = accepted.map((c) => ({ ...c.fix, edits: c.fix.edits.filter((e) => e.file === file).map((e) => ({ ...e, newText: withLineEndings(before, e.newText) })) }));
      const after = applyFixes(file, before, fixes).text;
      if (after === before) continue;
      if ((await syntaxErrors(after)) > (await syntaxErrors(before))) broken.add(file);
      else changes.push({ file, before, after });
    }
    if (broken.size === 0) return { changes, messages, applied: accepted.map((c) => c.fix) };
    for (const f of broken) messages.push(`${where(cwd, f)}: fixes not applied: the result would not parse`);
    candidates = candidates.filter((c) => !c.fix.edits.some((e) => broken.has(e.file)));
  }
}

/** Write the changes; returns one message per file not written. */
export function writeChanges(changes: readonly FileChange[], cwd: string): { written: string[]; messages: string[] } {
  const written: string[] = [];
  const messages: string[] = [];
  for (const c of changes) {
    const name = where(cwd, c.file);
    try {
      const st = lstatSync(c.file);
      if (st.isSymbolicLink()) { messages.push(`${name}: not written: it is a symbolic link`); continue; }
      if (!st.isFile()) { messages.push(`${name}: not written: not a regular file`); continue; }
      // Root may replace a read-only file by rename; a read-only file is left untouched anyway.
      if ((st.mode & 0o222) === 0) { messages.push(`${name}: not written: the file is read-only`); continue; }
      if (readFileSync(c.file, 'utf8') !== c.before) { messages.push(`${name}: not written: it changed since it was analysed`); continue; }
      const tmp = path.join(path.dirname(c.file), `.${path.basename(c.file)}.mapsafe-${process.pid}-${Date.now().toString(36)}.tmp`);
      try {
        writeFileSync(tmp, c.after, { mode: st.mode & 0o7777, flag: 'wx' });
        chmodSync(tmp, st.mode & 0o7777);
        renameSync(tmp, c.file);
      } catch (e) {
        try { unlinkSync(tmp); } catch { /* already gone */ }
        throw e;
      }
      written.push(c.file);
    } catch (e) {
      messages.push(`${name}: not written: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { written, messages };
}

/** The changes as one unified diff (paths relative to cwd, a/ and b/ prefixes as git writes them). */
export function unifiedDiff(changes: readonly FileChange[], cwd: string): string {
  return changes
    .map((c) => {
      const name = where(cwd, c.file).split(path.sep).join('/');
      return createTwoFilesPatch(`a/${name}`, `b/${name}`, c.before, c.after, undefined, undefined, { context: 3 }).replace(/^={67}\r?\n/, '');
    })
    .join('');
}

export interface FixRunIo { stdout(text: string): void; stderr(text: string): void }

/**
 * The --fix / --diff step of a scan: `dryRun` prints the safe fixes as a unified diff;
 * otherwise they are written. Returns the files written (the caller re-scans them).
 */
export async function fixStep(diagnostics: readonly Diagnostic[], scanned: ReadonlyMap<string, string>, cwd: string, dryRun: boolean, io: FixRunIo, tool: string): Promise<string[]> {
  const plan = await planFixes(diagnostics, (f) => scanned.get(f), cwd);
  for (const m of plan.messages) io.stderr(`${tool}: ${m}\n`);
  if (dryRun) {
    io.stdout(unifiedDiff(plan.changes, cwd));
    return [];
  }
  const { written, messages } = writeChanges(plan.changes, cwd);
  for (const m of messages) io.stderr(`${tool}: ${m}\n`);
  if (written.length > 0) io.stderr(`${tool}: fixed ${written.length} file${written.length === 1 ? '' : 's'}\n`);
  return written;
}

/** Read the files to scan for --fix/--diff: the texts the fixes will be checked against. */
export function snapshotFiles(files: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) {
    try {
      out.set(f, readFileSync(f, 'utf8'));
    } catch {
      // unreadable: the scan reports it
    }
  }
  return out;
}
