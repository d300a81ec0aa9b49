/**
 * Two ways into PGlite's one connection: statements waiting in the first lane (the web role's) take it before
 * those waiting in the second (the workers'). Each lane is a pool for Kysely's PostgresDialect over the same pg pool.
 */
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

class ConnectionTurns {
  #taken = false;
  readonly #first: (() => void)[] = [];
  readonly #second: (() => void)[] = [];

  async take(first: boolean): Promise<void> {
    if (!this.#taken) {
      this.#taken = true;
      return;
    }
    await new Promise<void>((resolve) => (first ? this.#first : this.#second).push(resolve));
  }

  give(): void {
    const next = this.#first.shift() ?? this.#second.shift();
    if (next) next();
    else this.#taken = false;
  }
}

function lane(pool: pg.Pool, turns: ConnectionTurns, first: boolean, ends: boolean): PostgresPool {
  // One wrapper a client, so Kysely keeps its connection object for it (it caches them by client).
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    options: pool.options,
    async connect() {
      await turns.take(first);
      try {
        const client = await pool.connect();
        let wrapper = wrappers.get(client);
        if (!wrapper) {
          wrapper = {
            query: client.query.bind(client) as PostgresPoolClient['query'],
            release: (destroy?: boolean) => {
              client.release(destroy);
              turns.give();
            },
          };
          wrappers.set(client, wrapper);
        }
        return wrapper;
      } catch (error) {
        turns.give();
        throw error;
      }
    },
    end: ends ? () => pool.end() : async () => undefined,
  };
}

/** The web role's lane and the workers' lane over one pg pool of one client; only the workers' lane ends the pool. */
export function pgliteLanes(pool: pg.Pool): { first: PostgresPool; second: PostgresPool } {
  const turns = new ConnectionTurns();
  return { first: lane(pool, turns, true, false), second: lane(pool, turns, false, true) };
}
