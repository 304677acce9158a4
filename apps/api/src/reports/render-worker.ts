import { parentPort } from 'node:worker_threads';
import { packWorkbook } from './pack-workbook.js';
import type { RenderAnswer, RenderJob } from './render-job.js';
import { reportToWord } from './word.js';

// Drawing charts, zipping Word files and writing workbooks takes the CPU for a second or more; here it
// cannot hold up the API's other requests.
async function render({ id, job }: { id: number; job: RenderJob }): Promise<void> {
  let answer: RenderAnswer;
  try {
    answer = { id, bytes: job.format === 'docx' ? await reportToWord(job.report) : await packWorkbook(job.pack) };
  } catch (error) {
    answer = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(answer);
}

// render() answers every job by message, its failures included: there is nothing to wait for here.
parentPort!.on('message', (message: { id: number; job: RenderJob }) => void render(message));
