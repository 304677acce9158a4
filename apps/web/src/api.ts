/** A problem with one field, as the API reports it on 422. */
export interface FieldProblem {
  field: string;
  message: string;
}

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
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      typeof payload?.message === 'string'
        ? payload.message
        : `Something went wrong (error ${response.status}). Try again later.`;
    throw new ApiError(response.status, message, Array.isArray(payload?.errors) ? payload.errors : [], payload);
  }
  return payload as T;
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  role: string;
  roleLabel: string;
  agencyId: string | null;
  maracId: string | null;
  /** Signed in with a password made for them: they choose their own before anything else. */
  mustChangePassword: boolean;
}

export interface Area {
  code: string;
  name: string;
  type: 'lad' | 'csp' | 'pfa';
  parentCode: string | null;
  females16plus: number | null;
}

export interface Agency {
  id: string;
  name: string;
  sector: string;
  areaCode: string;
  areaName: string;
  jointWorkingModel: string | null;
  active: boolean;
}

export interface Marac {
  id: string;
  name: string;
  areaCode: string;
  areaName: string;
  active: boolean;
}

export interface CodeEntry {
  code: string;
  label: string;
  description?: string;
}

export interface CodeLists {
  sectors: CodeEntry[];
  jointWorkingModels: CodeEntry[];
  roles: CodeEntry[];
  areaTypes: CodeEntry[];
  auditActions: CodeEntry[];
}
