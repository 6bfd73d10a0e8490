// Worker-thread entry: analyses directories sent by the scan and posts plain results.
import { parentPort } from 'node:worker_threads';
import { allRules } from '../rules/index.js';
import { analyzeDirectory } from './analyze.js';
import type { DirectoryResult, LoadedText } from './analyze.js';
import type { BodyRelevance } from './relevance.js';

export interface WorkerJob { id: number; dir: string; texts: LoadedText[]; ruleIds: string[]; goVersion: string | null; skipBodies?: boolean; relevance?: Map<string, BodyRelevance> }
export type WorkerReply = { id: number; result: DirectoryResult } | { id: number; error: string };

const port = parentPort;
if (port) {
  port.on('message', (job: WorkerJob) => {
    const rules = allRules.filter((r) => job.ruleIds.includes(r.id));
    analyzeDirectory(job.dir, job.texts, rules, job.goVersion, { skipBodies: job.skipBodies, relevance: job.relevance }).then(
      (result) => port.postMessage({ id: job.id, result } satisfies WorkerReply),
      (err: unknown) => port.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply),
    );
  });
}
