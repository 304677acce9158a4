/**
 * An answer's body as JSON.parse gives it. Tests read answers as parsed JSON and assert on their
 * shape (the assertion is their type check); pass a type to read one as that type instead.
 */
export type ParsedJson = ReturnType<typeof JSON.parse>;

export interface HttpAnswer<T = ParsedJson> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like client: keeps the session cookie between calls. */
export class Client {
  private cookie: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = ParsedJson>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.cookie) headers.Cookie = this.cookie;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair.endsWith('=') ? null : pair;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  /** A multipart upload, as the dashboard's file form sends it. */
  async upload<T = ParsedJson>(
    path: string,
    file: { name: string; bytes: Uint8Array | string },
    fields: Record<string, string> = {},
    method = 'POST',
  ): Promise<HttpAnswer<T>> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([typeof file.bytes === 'string' ? Buffer.from(file.bytes) : file.bytes]), file.name);
    const response = await fetch(this.baseUrl + path, {
      method,
      body: form,
      headers: this.cookie ? { Cookie: this.cookie, Accept: 'application/json' } : { Accept: 'application/json' },
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: body as T, headers: response.headers };
  }

  /** The raw bytes of a download. */
  async download(path: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const response = await fetch(this.baseUrl + path, { headers: this.cookie ? { Cookie: this.cookie } : {} });
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
  }

  get<T = ParsedJson>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = ParsedJson>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }

  patch<T = ParsedJson>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }

  /** Signs in and returns this client; fails the test when sign-in is refused. */
  async signIn(email: string, password: string): Promise<this> {
    const answer = await this.post('/api/auth/login', { email, password });
    if (answer.status !== 200)
      throw new Error(`Sign-in as ${email} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return this;
  }
}

export const DEMO = {
  admin: 'admin@demo.waymark.test',
  analyst: 'analyst@demo.waymark.test',
  viewer: 'viewer@demo.waymark.test',
  submitter: 'submitter@demo.waymark.test',
  marac: 'marac@demo.waymark.test',
} as const;
