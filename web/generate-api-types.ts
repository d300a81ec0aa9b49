/**
 * Generates web/src/api-schema.generated.ts, the dashboard's view of the API, from the OpenAPI document the server
 * serves (built from the same zod schemas it validates with), so a shape lives in one place. `npm run build` runs
 * it; a test fails when the committed file differs from what the document gives today.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { describeApi } from '../bot/server.js';

export const API_SCHEMA_FILE = fileURLToPath(new URL('./src/api-schema.generated.ts', import.meta.url));

const HEADER = `/**
 * Generated from the API's OpenAPI document by web/generate-api-types.ts (npm run build:api-types): do not edit.
 * The dashboard names the shapes it reads in api-types.ts.
 */
`;

export async function generateApiTypes(): Promise<string> {
  const ast = await openapiTS(describeApi() as unknown as OpenAPI3);
  return HEADER + astToString(ast);
}

/** Writes the file only when it changes, so a build that changes nothing leaves the sources as they were. */
export async function writeApiTypes(): Promise<boolean> {
  const types = await generateApiTypes();
  if (existsSync(API_SCHEMA_FILE) && readFileSync(API_SCHEMA_FILE, 'utf8') === types) return false;
  writeFileSync(API_SCHEMA_FILE, types);
  process.stdout.write(`API types written to ${join('web', 'src', 'api-schema.generated.ts')}\n`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeApiTypes();
}
