import { Worker } from 'node:worker_threads';
import { HttpException, HttpStatus, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { RenderAnswer, RenderJob } from './render-job.js';

/** Reports one person may have in the making at once; a second tab is fine, a script is not. */
const REPORTS_PER_PERSON = 2;
/** Reports in the making at once for everyone: each reads the warehouse hard. */
const REPORTS_AT_ONCE = 4;
/** A report not laid out by then is given up, and the worker started afresh. */
const RENDER_TIMEOUT_MS = 120_000;

interface Pending {
  worker: Worker;
  resolve: (bytes: Buffer) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const busy = (status: HttpStatus, message: string, seconds: number) =>
  new HttpException({ statusCode: status, message, retryAfterSeconds: seconds }, status);

/**
 * Makes report files: admits a few at a time (per person and in all), and lays them out in a worker
 * thread so the API keeps answering everyone else while a report is drawn and zipped.
 */
@Injectable()
export class ReportRenderer implements OnModuleDestroy {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly making = new Map<string, number>();
  private inProgress = 0;

  /** Runs `work` (gathering, then rendering) if this person and the server have room; 429 or 503 if not. */
  async admit<T>(person: string, work: () => Promise<T>): Promise<T> {
    const mine = this.making.get(person) ?? 0;
    if (mine >= REPORTS_PER_PERSON)
      throw busy(
        HttpStatus.TOO_MANY_REQUESTS,
        `You have ${mine} reports in the making already; wait for one to finish.`,
        10,
      );
    if (this.inProgress >= REPORTS_AT_ONCE)
      throw busy(
        HttpStatus.SERVICE_UNAVAILABLE,
        'Waymark is making several reports just now; try again in a minute.',
        30,
      );
    this.making.set(person, mine + 1);
    this.inProgress += 1;
    try {
      return await work();
    } finally {
      this.inProgress -= 1;
      const left = (this.making.get(person) ?? 1) - 1;
      if (left) this.making.set(person, left);
      else this.making.delete(person);
    }
  }

  render(job: RenderJob): Promise<Buffer> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          busy(
            HttpStatus.SERVICE_UNAVAILABLE,
            'The report took too long to lay out; try a shorter period or a smaller area.',
            30,
          ),
        );
        if (this.worker === worker) void this.stop(); // whatever it was stuck on goes with it
      }, RENDER_TIMEOUT_MS);
      this.pending.set(id, { worker, resolve, reject, timer });
      worker.postMessage({ id, job });
    });
  }

  private start(): Worker {
    const worker = new Worker(new URL('./render-worker.js', import.meta.url));
    worker.on('message', (answer: RenderAnswer) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      clearTimeout(waiting.timer);
      if ('error' in answer) waiting.reject(new Error(`The report could not be laid out: ${answer.error}`));
      else waiting.resolve(Buffer.from(answer.bytes));
    });
    // Only this worker's jobs fail with it, as a 503 to try again; a worker started since carries on.
    const failMine = () => {
      if (this.worker === worker) this.worker = null;
      for (const [id, waiting] of this.pending) {
        if (waiting.worker !== worker) continue;
        clearTimeout(waiting.timer);
        this.pending.delete(id);
        waiting.reject(
          busy(HttpStatus.SERVICE_UNAVAILABLE, 'The report could not be finished; try again in a moment.', 10),
        );
      }
    };
    worker.on('error', failMine);
    worker.on('exit', failMine);
    worker.unref(); // an idle worker does not keep the process alive
    this.worker = worker;
    return worker;
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }
}
