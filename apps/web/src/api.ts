import type { FieldProblem, Refusal } from '@waymark/domain';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: FieldProblem[] = [],
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

/** Calls the Waymark API with the session cookie; turns error answers into ApiError with words a person understands. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers:
        init.body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, 'Waymark could not be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const refusal: Partial<Refusal> = typeof payload === 'object' && payload !== null ? payload : {};
    const message =
      typeof refusal.message === 'string'
        ? refusal.message
        : `Something went wrong (error ${response.status}). Try again later.`;
    throw new ApiError(response.status, message, Array.isArray(refusal.errors) ? refusal.errors : [], payload);
  }
  return payload as T;
}
