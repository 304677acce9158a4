import { JsonRefused, parseStrictJsonBytes } from './strict-json.js';
import { UnreadableUpload } from './unreadable-upload.js';

/** An uploaded JSON file read strictly (no duplicate keys, no deep nesting); a refusal is a 422 naming line and key path. */
export function parseJsonFile(bytes: Buffer): unknown {
  try {
    return parseStrictJsonBytes(bytes);
  } catch (error) {
    if (!(error instanceof JsonRefused)) throw error;
    throw new UnreadableUpload(
      error.rule,
      error.rule === 'json_syntax' ? `The file is not valid JSON. ${error.message}` : error.message,
      error.line,
      undefined,
      error.path,
    );
  }
}
