/**
 * Embedded PGlite in a worker thread of its own (store/pglite-thread.entry.ts), so that its statements, which run
 * in WASM and hold their thread, no longer hold the event loop that answers webhooks and runs the workers.
 * The handle it gives is what `@electric-sql/pglite/node-postgres`'s connection asks of a PGlite: `waitReady` and
 * `execProtocolStream`. The connection hands over one frontend message at a time; the messages up to the one the
 * backend answers (Sync, Flush, a simple Query, the end of a COPY) go to the thread together, in one round trip.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { protocol, type PGlite } from '@electric-sql/pglite';
import type { FromPgliteThread, PgliteThreadData, ToPgliteThread } from './pglite-thread.entry.js';

export type BackendMessage = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];

/** What the node-postgres connection of `@electric-sql/pglite/node-postgres` uses of a PGlite (read in its source). */
export interface PgliteProtocolPeer {
  readonly waitReady: Promise<void>;
  execProtocolStream(message: Uint8Array, options?: { throwOnError?: boolean }): Promise<BackendMessage[]>;
}

export interface PgliteThread extends PgliteProtocolPeer {
  /** Closes PGlite in the thread (statements sent before it still run) and ends the thread. */
  close(): Promise<void>;
  /** Ends the thread at once without closing PGlite, as a crash would (tests). */
  terminate(): Promise<void>;
}

// Sync, Flush, Query, CopyDone, CopyFail: the frontend messages after which the backend answers without waiting for more.
const ANSWERED_AFTER = new Set(['S', 'H', 'Q', 'c', 'f'].map((code) => code.charCodeAt(0)));

/** The entry beside this module as it runs: `.ts` in the sources (vitest, tsx), `.js` in dist/, `.mjs` in a test bundle. */
function entryUrl(): URL {
  const extension = /\.[cm]?[jt]s$/.exec(new URL(import.meta.url).pathname)?.[0] ?? '.js';
  return new URL(`./pglite-thread.entry${extension}`, import.meta.url);
}

/** A frontend message or backend answer as the wire protocol writes it: its code, its length, then its bytes. */
function wireMessage(code: string, body: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(5 + body.byteLength);
  bytes[0] = code.charCodeAt(0);
  new DataView(bytes.buffer).setInt32(1, 4 + body.byteLength);
  bytes.set(body, 5);
  return bytes;
}

const encoder = new TextEncoder();
// Kysely opens a transaction with a bare `begin` (a simple Query); PostgreSQL answers it BEGIN, then ready in a transaction.
const BEGIN = wireMessage('Q', encoder.encode('begin\0'));
const BEGIN_ANSWER = concatenate([wireMessage('C', encoder.encode('BEGIN\0')), wireMessage('Z', encoder.encode('T'))]);

const isBegin = (message: Uint8Array) => message.byteLength === BEGIN.byteLength && message.every((byte, i) => byte === BEGIN[i]);

function parsed(answer: Uint8Array): BackendMessage[] {
  const messages: BackendMessage[] = [];
  new protocol.Parser().parse(answer, (message) => messages.push(message));
  return messages;
}

function concatenate(parts: Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((length, part) => length + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.byteLength;
  }
  return whole;
}

let compiledWasm: WebAssembly.Module | undefined;

/**
 * PGlite's WASM compiled once per process (V8 compiles its functions lazily, so this takes tens of milliseconds) and
 * handed to each thread, which would otherwise compile its own: a process that opens several databases (the tests
 * open dozens) saves about a third of each thread's start.
 */
function pgliteWasmModule(): WebAssembly.Module {
  compiledWasm ??= new WebAssembly.Module(readFileSync(join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), 'pglite.wasm')));
  return compiledWasm;
}

export function startPgliteThread(data: PgliteThreadData): PgliteThread {
  const thread = new Worker(entryUrl(), { workerData: { ...data, pgliteWasmModule: pgliteWasmModule() } satisfies PgliteThreadData });
  const pending = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let unsent: Uint8Array[] = [];
  let beginUnsent = false;
  let stopped: Error | undefined;
  let closing = false;

  let markReady!: () => void;
  let failStart!: (error: Error) => void;
  const waitReady = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failStart = reject;
  });

  const stop = (error: Error) => {
    stopped ??= error;
    failStart(stopped);
    for (const request of pending.values()) request.reject(stopped);
    pending.clear();
  };

  thread.on('message', (message: FromPgliteThread) => {
    if (message.type === 'ready') markReady();
    else if (message.type === 'start-failed') stop(new Error(`PGlite could not start: ${message.message}`));
    else if (message.type === 'result') pending.get(message.id)?.resolve(message.bytes);
    else if (message.type === 'failed') pending.get(message.id)?.reject(new Error(`PGlite: ${message.message}`));
    if (message.type === 'result' || message.type === 'failed') pending.delete(message.id);
  });
  thread.on('error', (error) => stop(new Error(`The PGlite thread failed: ${error.message}`)));
  thread.on('exit', (code) => stop(new Error(closing ? 'PGlite is closed' : `The PGlite thread stopped (exit code ${code})`)));

  const send = (bytes: Uint8Array): Promise<Uint8Array> =>
    new Promise((resolve, reject) => {
      if (stopped) return reject(stopped);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const request: ToPgliteThread = { type: 'exec', id, bytes };
      thread.postMessage(request, [bytes.buffer as ArrayBuffer]);
    });

  return {
    waitReady,
    async execProtocolStream(message) {
      // A `begin` is answered here and goes to the thread with the transaction's next statement: one round trip
      // fewer a transaction. Nothing else can use the session in between; a begin that fails (only in an aborted
      // transaction) makes that next statement fail the same way, and it is that statement's caller who is told.
      if (unsent.length === 0 && !beginUnsent && isBegin(message)) {
        beginUnsent = true;
        return parsed(BEGIN_ANSWER);
      }
      // A copy: the serializer may reuse the buffer behind `message` for the next one.
      unsent.push(message.slice());
      if (!ANSWERED_AFTER.has(message[0] ?? 0)) return [];
      const withBegin = beginUnsent;
      const parts = withBegin ? [BEGIN, ...unsent] : unsent;
      beginUnsent = false;
      unsent = [];
      const messages = parsed(await send(parts.length === 1 ? (parts[0] as Uint8Array) : concatenate(parts)));
      // The begin's own answer (its notice, error or completion, then ready) was given already.
      return withBegin ? messages.slice(messages.findIndex((m) => m.name === 'readyForQuery') + 1) : messages;
    },
    async close() {
      if (stopped) return thread.terminate().then(() => undefined);
      closing = true;
      const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
      thread.postMessage({ type: 'close' } satisfies ToPgliteThread);
      await exited;
    },
    async terminate() {
      await thread.terminate();
    },
  };
}
