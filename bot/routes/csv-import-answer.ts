import { TooManyRowsError, UnreadableImportError } from '../../app/imports/csv-import.js';
import { ApiError } from './api-error.js';
import type { ApiAnswer } from './api-route.js';

/**
 * A CSV import's answer: its report, or what was wrong with the file as a whole (a missing column or malformed CSV
 * is a 400 naming the columns, too many rows a 413). Both imports answer the same way.
 */
export async function answerImport(run: () => Promise<unknown>): Promise<ApiAnswer> {
  try {
    return { status: 200, body: await run() };
  } catch (error) {
    if (error instanceof UnreadableImportError) {
      throw new ApiError(400, 'validation_failed', error.message, error.missingColumns.length > 0 ? { missingColumns: error.missingColumns } : undefined);
    }
    if (error instanceof TooManyRowsError) throw new ApiError(413, 'payload_too_large', error.message);
    throw error;
  }
}
