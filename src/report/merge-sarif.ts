// Combines the SARIF logs of shards (mapsafe --shard K/N --format sarif) into one log with
// one run, as GitHub code scanning expects from one tool and category: rules are
// united and results re-indexed, notifications concatenated, output sorted and stable.
import type * as Sarif from 'sarif';
import { maxResults } from './sarif.js';

export class MergeError extends Error {}

function key(r: Sarif.Result): string {
  const loc = r.locations?.[0]?.physicalLocation;
  const region = loc?.region;
  const pad = (n: number | undefined) => String(n ?? 0).padStart(9, '0');
  return [loc?.artifactLocation?.uri ?? '', pad(region?.startLine), pad(region?.startColumn), r.ruleId ?? '', r.message.text ?? ''].join('\0');
}

export function mergeSarif(logs: Sarif.Log[]): Sarif.Log {
  if (logs.length === 0) throw new MergeError('no SARIF files to merge');
  const runs = logs.flatMap((l, i) => {
    if (l.version !== '2.1.0' || !Array.isArray(l.runs)) throw new MergeError(`input ${i + 1} is not a SARIF 2.1.0 log`);
    return l.runs;
  });
  const first = runs[0];
  if (!first) throw new MergeError('the SARIF files hold no runs');
  for (const r of runs) {
    if (r.tool.driver.name !== first.tool.driver.name) throw new MergeError(`cannot merge runs of ${r.tool.driver.name} with runs of ${first.tool.driver.name}`);
    if ((r.automationDetails?.id ?? '') !== (first.automationDetails?.id ?? '')) throw new MergeError('cannot merge runs of different categories (automationDetails.id)');
  }
  const rulesById = new Map<string, Sarif.ReportingDescriptor>();
  for (const r of runs) for (const d of r.tool.driver.rules ?? []) if (!rulesById.has(d.id)) rulesById.set(d.id, d);
  const rules = [...rulesById.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(rules.map((d, i) => [d.id, i]));
  const seen = new Set<string>();
  const results: Sarif.Result[] = [];
  for (const run of runs) {
    for (const res of run.results ?? []) {
      const k = `${key(res)}\0${res.partialFingerprints?.primaryLocationLineHash ?? ''}`;
      if (seen.has(k)) continue; // the same package in two shards: keep one
      seen.add(k);
      const copy: Sarif.Result = { ...res };
      const i = res.ruleId !== undefined ? index.get(res.ruleId) : undefined;
      if (i !== undefined) copy.ruleIndex = i;
      else delete copy.ruleIndex;
      results.push(copy);
    }
  }
  results.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const notifications: Sarif.Notification[] = runs.flatMap((r) => r.invocations?.flatMap((inv) => inv.toolExecutionNotifications ?? []) ?? []);
  const truncated = results.length > maxResults;
  if (truncated) {
    notifications.push({ level: 'warning', message: { text: `${results.length} results; only the first ${maxResults} are written (GitHub's limit per run)` }, descriptor: { id: 'truncated-results' } });
  }
  const merged: Sarif.Run = {
    ...first,
    tool: { ...first.tool, driver: { ...first.tool.driver, rules } },
    invocations: [{
      executionSuccessful: runs.every((r) => (r.invocations ?? []).every((inv) => inv.executionSuccessful)),
      ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
    }],
    results: truncated ? results.slice(0, maxResults) : results,
  };
  return { ...logs[0]!, runs: [merged] };
}
