import type { CurrentVersion, CurrentVersionAnswer, Problem, Refusal, ReturnAccepted } from '@waymark/domain';
import { api, ApiError } from '../api';

export class UploadRejected extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: Problem[],
  ) {
    super(message);
  }
}

/**
 * Sends a file with XMLHttpRequest rather than fetch, because only XHR reports upload progress
 * for the progress bar. Resolves with the 201 answer; anything else rejects with its problems.
 */
export function uploadFile<T>(url: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'Waymark could not be reached. Check your connection and try again.'));
    xhr.onload = () => {
      let body: Partial<Refusal> = {};
      try {
        body = JSON.parse(xhr.responseText) as Partial<Refusal>;
      } catch {
        /* keep the empty body */
      }
      if (xhr.status === 201) return resolve(body as T);
      if (xhr.status === 413)
        return reject(
          new UploadRejected(413, 'The file is too large', [
            {
              row: null,
              column: null,
              rule: 'too_large',
              message: 'The file is larger than Waymark accepts. Split case-level returns or remove unused sheets.',
            },
          ]),
        );
      const problems = body.problems ?? [
        {
          row: null,
          column: null,
          rule: String(xhr.status),
          message: body.message ?? `The upload failed (error ${xhr.status})`,
        },
      ];
      reject(new UploadRejected(xhr.status, body.message ?? 'The file was not accepted', problems));
    };
    xhr.send(form);
  });
}

export const uploadReturn = (type: string, form: FormData, onProgress: (fraction: number) => void) =>
  uploadFile<ReturnAccepted>(`/api/returns/${type}`, form, onProgress);

/** The version a return sent now would replace, or null; `owner` names it only for administrators. */
export async function currentVersion(
  type: string,
  period: string,
  owner: Record<string, string>,
): Promise<CurrentVersion | null> {
  const query = new URLSearchParams({ type, period, ...owner });
  return (await api<CurrentVersionAnswer>(`/returns/current?${query}`)).current;
}

/** The UK date a version arrived, as people write it: 2 December 2026. */
export const sentOn = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
