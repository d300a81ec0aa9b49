import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

// N=2^14 keeps a check near 30 ms; verified tokens are cached, so only the first request of a session pays it.
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;
const TOKEN_PATTERN = /^ebt_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** A staff token: `ebt_<lookup>_<secret>`. The lookup finds the row; only the secret's scrypt hash is stored. */
export interface IssuedToken {
  token: string;
  lookup: string;
  hash: string;
}

export async function issueStaffToken(): Promise<IssuedToken> {
  const lookup = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { token: `ebt_${lookup}_${secret}`, lookup, hash: await hashSecret(secret) };
}

export function parseStaffToken(token: string): { lookup: string; secret: string } | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { lookup: match[1] as string, secret: match[2] as string } : undefined;
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, KEY_LENGTH, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * The bootstrap ADMIN_TOKEN is chosen by the operator, not by us, so it has no lookup part of its own.
 * It always lives in this one row: changing ADMIN_TOKEN replaces the hash, and the old token stops working.
 */
export const BOOTSTRAP_ADMIN_LOOKUP = 'bootstrap-admin';

export function generateAdminToken(): string {
  return randomBytes(24).toString('base64url');
}
