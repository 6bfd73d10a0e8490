// Baselines: a SARIF file of earlier results (`--write-baseline`), against which a scan
// reports only new results (`--baseline`). A result is identified by its rule id, its
// file's URI and GitHub's line hash of its first line (partialFingerprints.
// primaryLocationLineHash, which ignores whitespace and survives lines moving); results
// without a hash fall back to the line number. Equal keys are matched one to one.
import { readFileSync } from 'node:fs';
import type * as Sarif from 'sarif';
import type { Diagnostic } from './diagnostic.js';
import { LineHasher } from './fingerprint.js';
import { artifactLocation } from './report/sarif.js';

export class BaselineError extends Error {}

function key(ruleId: string, uri: string, hashOrLine: string): string {
  return `${ruleId}\u0000${uri}\u0000${hashOrLine}`;
}

function resultKey(r: Sarif.Result): string | undefined {
  const phys = r.locations?.[0]?.physicalLocation;
  const uri = phys?.artifactLocation?.uri;
  const id = r.ruleId ?? r.rule?.id;
  if (!id || uri === undefined) return undefined;
  const hash = r.partialFingerprints?.primaryLocationLineHash;
  return key(id, uri, hash ?? `line:${phys?.region?.startLine ?? 0}`);
}

/** The results of a baseline SARIF file (absent ones, from an earlier comparison, excluded). */
export function readBaseline(path: string, display = path): Sarif.Result[] {
  let log: Sarif.Log;
  try {
    log = JSON.parse(readFileSync(path, 'utf8')) as Sarif.Log;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BaselineError(`${display}: ${code === 'ENOENT' ? 'no such file' : code ? `cannot read file: ${code}` : 'not valid JSON'}`);
  }
  if (log?.version !== '2.1.0' || !Array.isArray(log.runs)) throw new BaselineError(`${display}: not a SARIF 2.1.0 log`);
  return log.runs.flatMap((run) => run.results ?? []).filter((r) => r.baselineState !== 'absent' && r.suppressions === undefined);
}

export interface BaselineComparison {
  /** Diagnostics not in the baseline. */
  fresh: Set<Diagnostic>;
  /** Baseline results matched by no current diagnostic. */
  absent: Sarif.Result[];
}

/** Matches current diagnostics to baseline results by rule, file and line hash. */
export function compareWithBaseline(
  diagnostics: readonly Diagnostic[],
  baseline: readonly Sarif.Result[],
  srcRoot: string,
  source: (file: string) => string | undefined,
): BaselineComparison {
  const pool = new Map<string, Sarif.Result[]>();
  const unkeyed: Sarif.Result[] = [];
  for (const r of baseline) {
    const k = resultKey(r);
    if (k === undefined) {
      unkeyed.push(r);
      continue;
    }
    let list = pool.get(k);
    if (!list) pool.set(k, (list = []));
    list.push(r);
  }
  const hasher = new LineHasher(source);
  const fresh = new Set<Diagnostic>();
  for (const d of diagnostics) {
    const line = d.location.range.start.line + 1;
    const uri = artifactLocation(d.location.file, srcRoot).uri!;
    const hash = hasher.hash(d.location.file, line);
    const list = pool.get(key(d.ruleId, uri, hash ?? `line:${line}`));
    if (list && list.length > 0) list.shift();
    else fresh.add(d);
  }
  return { fresh, absent: [...pool.values()].flat() };
}
