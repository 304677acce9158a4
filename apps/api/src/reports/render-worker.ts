import { parentPort } from 'node:worker_threads';
import { packWorkbook } from './pack-workbook.js';
import type { RenderAnswer, RenderJob } from './render-job.js';
import { reportToWord } from './word.js';

// Drawing charts, zipping Word files and writing workbooks takes the CPU for a second or more; here it
// cannot hold up the API's other requests.
parentPort!.on('message', async ({ id, job }: { id: number; job: RenderJob }) => {
  let answer: RenderAnswer;
  try {
    answer = { id, bytes: job.format === 'docx' ? await reportToWord(job.report) : await packWorkbook(job.pack) };
  } catch (error) {
    answer = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(answer);
});
