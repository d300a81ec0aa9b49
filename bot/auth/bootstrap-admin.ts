import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../../store/database.js';
import { StaffRepository } from '../../store/staff.repository.js';
import { BOOTSTRAP_ADMIN_LOOKUP, generateAdminToken, hashSecret } from './staff-token.js';

/**
 * The admin token: ADMIN_TOKEN when set; in sandbox mode without one, a generated token kept in DATA_DIR so it
 * survives restarts (the embedded case record does too). Its hash is stored in the one bootstrap-admin row.
 */
export async function bootstrapAdmin(db: Db, options: { adminToken?: string | undefined; dataDir: string }): Promise<{ token: string; generated: boolean }> {
  let token = options.adminToken;
  let generated = false;
  if (!token) {
    const file = join(resolve(options.dataDir), 'sandbox-admin-token');
    if (existsSync(file)) token = readFileSync(file, 'utf8').trim();
    if (!token) {
      token = generateAdminToken();
      generated = true;
      mkdirSync(resolve(options.dataDir), { recursive: true });
      writeFileSync(file, `${token}\n`, { mode: 0o600 });
    }
  }
  await new StaffRepository(db).upsertBootstrapAdmin(BOOTSTRAP_ADMIN_LOOKUP, await hashSecret(token));
  return { token, generated };
}
