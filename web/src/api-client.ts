import type { FieldError, Session } from './api-types.js';

/** An API answer that was not a success, in the contract's error shape. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

type SessionEndedListener = () => void;

/**
 * Calls the key-worker API with the session cookie (sent by the browser, never seen by this script) and, on any
 * change, the session's CSRF token in its header. A 401 means the session ended: listeners take the user to sign in.
 */
export class ApiClient {
  private csrf: { header: string; token: string } | undefined;
  private readonly sessionEnded = new Set<SessionEndedListener>();

  onSessionEnded(listener: SessionEndedListener): void {
    this.sessionEnded.add(listener);
  }

  useSession(session: Session | undefined): void {
    this.csrf = session ? { header: session.csrfHeader, token: session.csrfToken } : undefined;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** A file sent as it is (a CSV import), not as JSON. */
  upload<T>(path: string, file: Blob, mediaType: string): Promise<T> {
    return this.request<T>('POST', path, file, { mediaType });
  }

  async request<T>(method: string, path: string, body?: unknown, options: { quietOn401?: boolean; mediaType?: string } = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = options.mediaType ?? 'application/json';
    if (method !== 'GET' && this.csrf) headers[this.csrf.header] = this.csrf.token;
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined && { body: options.mediaType ? (body as Blob) : JSON.stringify(body) }),
      });
    } catch {
      throw new ApiProblem(0, 'network', 'The server could not be reached. Check your connection and try again.');
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    if (response.ok) return parsed as T;
    const error = (parsed as { error?: { code?: string; message?: string; details?: { fields?: FieldError[] } } } | undefined)?.error;
    const problem = new ApiProblem(
      response.status,
      error?.code ?? 'error',
      error?.message ?? `The server answered ${response.status}`,
      error?.details?.fields ?? [],
    );
    if (response.status === 401 && !options.quietOn401) for (const listener of this.sessionEnded) listener();
    throw problem;
  }
}
