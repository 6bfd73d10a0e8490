// Rule docs: `rules/<id>.md`, the single source for --explain, the README's rule table
// and (later) SARIF help. Their shape:
//
//   # <rule-id>: <title>
//
//   <summary paragraph(s)>
//
//   ## Why it matters / ## Bad / ## Good / ## Fix / ## Limitations / ## Suppression
//
// "Bad" and "Good" hold one or more ```go blocks, each a complete Go file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './version.js';

export const requiredSections = ['Why it matters', 'Bad', 'Good', 'Fix', 'Limitations', 'Suppression'] as const;

export interface RuleDoc {
  id: string;
  title: string;
  /** The text between the title and the first `##` heading, trimmed. */
  summary: string;
  /** `##` heading -> its body, trimmed, in document order. */
  sections: Map<string, string>;
  /** Contents of the ```go blocks under "## Bad". */
  badExamples: string[];
  /** Contents of the ```go blocks under "## Good". */
  goodExamples: string[];
}

const TITLE = /^# ([a-z0-9]+(?:-[a-z0-9]+)*): (.+)$/;
const SECTION = /^## (.+?)\s*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})\s*$/;
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function parseRuleDoc(text: string): RuleDoc {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const m = TITLE.exec(lines[0] ?? '');
  if (!m) throw new Error('rule doc must start with "# <rule-id>: <title>"');
  const doc: RuleDoc = { id: m[1]!, title: m[2]!.trim(), summary: '', sections: new Map(), badExamples: [], goodExamples: [] };

  let section: string | undefined;
  let body: string[] = [];
  let fence: { marker: string; lang: string; lines: string[] } | undefined;
  const flush = () => {
    const text = body.join('\n').trim();
    if (section === undefined) doc.summary = text;
    else doc.sections.set(section, text);
    body = [];
  };

  for (const line of lines.slice(1)) {
    if (fence) {
      const close = FENCE_CLOSE.exec(line);
      if (close && close[1]![0] === fence.marker[0] && close[1]!.length >= fence.marker.length) {
        if (fence.lang === 'go' && section === 'Bad') doc.badExamples.push(fence.lines.join('\n') + '\n');
        if (fence.lang === 'go' && section === 'Good') doc.goodExamples.push(fence.lines.join('\n') + '\n');
        fence = undefined;
      } else {
        fence.lines.push(line);
      }
      body.push(line);
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      fence = { marker: open[1]!, lang: open[2] ?? '', lines: [] };
      body.push(line);
      continue;
    }
    const s = SECTION.exec(line);
    if (s) {
      flush();
      section = s[1]!;
      if (doc.sections.has(section)) throw new Error(`rule doc ${doc.id}: duplicate section "## ${section}"`);
      continue;
    }
    body.push(line);
  }
  if (fence) throw new Error(`rule doc ${doc.id}: unclosed code block`);
  flush();
  return doc;
}

/** The required sections a doc lacks or leaves empty. */
export function missingSections(doc: RuleDoc): string[] {
  return requiredSections.filter((s) => !doc.sections.get(s));
}

export function ruleDocPath(id: string): string {
  if (!RULE_ID.test(id)) throw new Error(`invalid rule id "${id}"`);
  return join(packageRoot, 'rules', `${id}.md`);
}

/** The raw markdown of rules/<id>.md (what --explain prints). */
export function readRuleDoc(id: string): string {
  return readFileSync(ruleDocPath(id), 'utf8');
}

/** Reads and parses rules/<id>.md from the package root. */
export function loadRuleDoc(id: string): RuleDoc {
  const doc = parseRuleDoc(readRuleDoc(id));
  if (doc.id !== id) throw new Error(`rules/${id}.md is titled "${doc.id}"`);
  return doc;
}
