// A small pool of worker threads, each with its own parser, fed one directory at a time.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DirectoryResult } from './analyze.js';
import { packageRoot } from './version.js';
import type { WorkerJob, WorkerReply } from './worker.js';

/** The built worker script; absent when running from TypeScript sources without a build. */
export const workerScript = path.join(packageRoot, 'dist', 'src', 'worker.js');

export function workersAvailable(): boolean {
  return existsSync(workerScript);
}

interface Pending { worker: Worker; resolve: (r: DirectoryResult) => void; reject: (e: Error) => void }

let started = 0;

/** Worker threads started by pools of this thread so far (for tests of when a scan starts them). */
export function workersStarted(): number {
  return started;
}

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<(w: Worker) => void> = [];
  private readonly pending = new Map<number, Pending>();
  private readonly workers: Worker[] = [];
  private nextId = 0;
  private closing = false;

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  private spawn(): void {
    const w = new Worker(workerScript);
    started++;
    w.on('message', (reply: WorkerReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve(reply.result);
      this.release(w);
    });
    w.on('error', (err) => {
      // The worker is gone: fail its job and put a fresh worker in its place.
      for (const [id, p] of this.pending) if (p.worker === w) { this.pending.delete(id); p.reject(err); }
      const at = this.workers.indexOf(w);
      if (at >= 0) this.workers.splice(at, 1);
      if (!this.closing) this.spawn();
    });
    this.workers.push(w);
    this.release(w);
  }

  private release(w: Worker): void {
    const next = this.waiting.shift();
    if (next) next(w);
    else this.idle.push(w);
  }

  private acquire(): Promise<Worker> {
    const w = this.idle.pop();
    if (w) return Promise.resolve(w);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Runs a job on the next free worker. The job is not referenced once it is posted (its texts can be freed). */
  run(job: Omit<WorkerJob, 'id'>): Promise<DirectoryResult> {
    let held: Omit<WorkerJob, 'id'> | null = job;
    return this.acquire().then((w) => {
      const id = this.nextId++;
      const posted = new Promise<DirectoryResult>((resolve, reject) => this.pending.set(id, { worker: w, resolve, reject }));
      w.postMessage({ ...held!, id } satisfies WorkerJob);
      held = null;
      return posted;
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
