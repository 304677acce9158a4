import { UploadRefused } from '../../apps/api/src/common/unreadable-upload.js';

/** The status and first rule of the refusal a piece of work throws, or null when it is not refused. */
export async function refusal(run: () => unknown): Promise<{ status: number; rule: string } | null> {
  try {
    await run();
  } catch (error) {
    if (error instanceof UploadRefused) return { status: error.getStatus(), rule: error.problems[0].rule };
    throw error;
  }
  return null;
}
