import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { redisAnswers } from '../start/private-redis.js';

/**
 * A redis-server of one test's own, on a loopback port of its own, keeping nothing on disk (like the machine's):
 * a test can really stop and restart it — connections dropped, every key gone — without touching the shared Redis
 * on 6379 that other test files are using.
 */
export class RedisServerProcess {
  private child: ChildProcess | undefined;
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error('redis-server is already running');
    if (this.port === 0) this.port = await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', '--daemonize', 'no'],
      { stdio: 'ignore' },
    );
    this.child = child;
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    await this.waitUntil(true, 10_000);
  }

  /** Stops it the hard way (SIGKILL), as a crash or a restart of the host would: nothing is flushed or saved. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    this.child = undefined;
    await this.waitUntil(false, 10_000);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private async waitUntil(up: boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((await this.ping()) === up) return;
      if (Date.now() > deadline) throw new Error(`redis-server on ${this.port} did not come ${up ? 'up' : 'down'} in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private ping(): Promise<boolean> {
    return redisAnswers(this.url);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
