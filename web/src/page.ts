import type { ApiClient } from './api-client.js';
import type { Session } from './api-types.js';

/** What every page gets: the API, who is signed in, the route's parameters, and ways to move on. */
export interface PageContext {
  api: ApiClient;
  session: Session;
  params: Record<string, string>;
  query: URLSearchParams;
  navigate(path: string, options?: { replace?: boolean }): void;
  /** A success message shown at the top of the next page (or this one, re-rendered). */
  flash(message: string): void;
  /** Re-reads the alerts count in the navigation. */
  refreshNavigation(): void;
}

export interface Page {
  title: string;
  content: Node;
  /** Stops the page's polling when the user leaves it. */
  dispose?(): void;
}

export type PageFactory = (context: PageContext) => Promise<Page>;

/** Runs `task` now and every `ms` while the page is open, one at a time (a slow answer never piles up). */
export function poll(task: () => Promise<void>, ms: number): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async () => {
    if (stopped) return;
    try {
      await task();
    } catch {
      // A failed refresh is retried on the next tick; a 401 has already sent the user to sign in.
    }
    if (!stopped) timer = setTimeout(run, ms);
  };
  timer = setTimeout(run, ms);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
