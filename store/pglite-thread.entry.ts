/**
 * The PGlite thread (started by pglite-thread.ts): it holds the embedded database and answers wire-protocol bytes
 * with wire-protocol bytes, one request at a time in the order they came, so the one session stays in order.
 * Under vitest it runs as plain Node with its types stripped: it imports only packages and types.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

export interface PgliteThreadData {
  /** `memory://…` or an absolute folder. */
  dataDir: string;
  loadDataDir?: Blob | undefined;
  /** PGlite's WASM, compiled once in the process that starts the threads and shared by all of them. */
  pgliteWasmModule?: WebAssembly.Module | undefined;
}

export type ToPgliteThread = { type: 'exec'; id: number; bytes: Uint8Array } | { type: 'close' };

export type FromPgliteThread =
  | { type: 'ready' }
  | { type: 'start-failed'; message: string }
  | { type: 'result'; id: number; bytes: Uint8Array }
  | { type: 'failed'; id: number; message: string };

function threadPort(): MessagePort {
  if (!parentPort) throw new Error('pglite-thread.entry runs in a worker thread only (see store/pglite-thread.ts)');
  return parentPort;
}
const port = threadPort();
const reply = (message: FromPgliteThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const data = workerData as PgliteThreadData;

async function start(): Promise<PGlite | undefined> {
  try {
    return await PGlite.create(data.dataDir, {
      ...(data.loadDataDir && { loadDataDir: data.loadDataDir }),
      ...(data.pgliteWasmModule && { pgliteWasmModule: data.pgliteWasmModule }),
    });
  } catch (error) {
    reply({ type: 'start-failed', message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

const pglite = await start();
if (pglite) {
  let turn: Promise<void> = Promise.resolve();
  port.on('message', (message: ToPgliteThread) => {
    turn = turn.then(() => handle(pglite, message));
  });
  reply({ type: 'ready' });
}

async function handle(db: PGlite, message: ToPgliteThread): Promise<void> {
  if (message.type === 'close') {
    await db.close().catch(() => undefined);
    // Nothing else is left to keep the thread up: it ends, and the other side sees it exit.
    port.close();
    return;
  }
  try {
    const answer = await db.execProtocolRaw(message.bytes);
    // The answer's buffer moves to the other thread instead of being copied; it must hold nothing else.
    const bytes = answer.byteOffset === 0 && answer.byteLength === answer.buffer.byteLength ? answer : answer.slice();
    reply({ type: 'result', id: message.id, bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    reply({ type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
}
