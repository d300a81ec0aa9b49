import { currentRequestId } from '../request-context.js';

/** The contract's error shape: `{"error": {"code", "message", "details", "requestId"}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** With the id of the request being handled, so a caller can quote it and the logs be searched for it. */
  toJSON(forRequest?: string): { error: { code: string; message: string; details?: unknown; requestId?: string } } {
    // JSON.stringify passes a property key (often ''): only a real id counts, else the request being handled.
    const requestId = forRequest || currentRequestId();
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details !== undefined && { details: this.details }),
        ...(requestId && { requestId }),
      },
    };
  }
}

export const notFound = (what = 'Not found') => new ApiError(404, 'not_found', what);
export const forbidden = () => new ApiError(403, 'forbidden', 'Your role cannot do this');
export const unauthorised = () => new ApiError(401, 'unauthorised', 'A valid bearer token is required');

/** The database or Redis is away: callers (Twilio included) should try again soon. */
export const unavailable = () => new ApiError(503, 'unavailable', 'Temporarily unavailable, please retry');

/** Errors that mean the database could not be reached, as opposed to a bad query. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return (
    (typeof code === 'string' && (/^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)/.test(code) || /^(08|57P)/.test(code))) ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message)
  );
}
