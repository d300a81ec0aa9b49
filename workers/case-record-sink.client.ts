import type { PostToSink } from '../domain/case-record/case-record-sink.js';

/**
 * Posts one delivery. Redirects are not followed (a signed body should not wander; a 3xx counts as not accepted).
 * What goes wrong is described without the URL, which may carry credentials of the CRM's own.
 */
export const postToSink: PostToSink = async (request) => {
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      body: request.body,
      headers: request.headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    // Read the answer to the end so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    return { kind: 'answered', status: response.status };
  } catch (error) {
    return { kind: 'no_answer', reason: describeFailure(error) };
  }
};

function describeFailure(error: unknown): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  return 'network error';
}
