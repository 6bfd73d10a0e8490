// Test helper: write Go sources to a temp directory and inspect the package model
// through the public pipeline (a probe rule receives the analysis context).
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { typesAnalysis } from '../src/engine.js';
import type { Rule, RuleContext } from '../src/rule.js';
import { scanFiles } from '../src/scan.js';
import type { ScanResult } from '../src/scan.js';
import { walk } from '../src/syntax.js';

export function writeTemp(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mapsafe-'));
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(dir, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return dir;
}

/** Run `probe` with the context of the package made of `files` (names relative to a temp dir). */
export async function withPackage(files: Record<string, string>, probe: (ctx: RuleContext, find: (file: string, line: number, text: string) => Node) => void): Promise<ScanResult> {
  const dir = writeTemp(files);
  const rule: Rule = {
    id: 'probe', title: 'probe', severity: 'note', precision: 'high', tags: [],
    run(ctx) {
      const find = (file: string, line: number, text: string): Node => {
        const sf = ctx.pkg.files.find((f) => path.basename(f.path) === file);
        if (!sf) throw new Error(`no file ${file}`);
        let best: Node | null = null;
        walk(sf.root, (n) => {
          if (n.startPosition.row + 1 > line || n.endPosition.row + 1 < line) return false;
          if (n.startPosition.row + 1 === line && n.text === text) best = n; // deepest match wins
          return true;
        });
        if (!best) throw new Error(`no node ${JSON.stringify(text)} on ${file}:${line}`);
        return best;
      };
      ctx.get(typesAnalysis);
      probe(ctx, find);
    },
  };
  const files2 = Object.keys(files).filter((f) => f.endsWith('.go')).map((f) => path.join(dir, f));
  const r = await scanFiles(files2, { rules: [rule] });
  const errors = r.notifications.filter((n) => n.kind === 'rule-error');
  if (errors.length) throw new Error(errors.map((e) => e.message).join('\n'));
  return r;
}
