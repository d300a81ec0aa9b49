import { DuplicatePhoneError } from '../store/participant.repository.js';
import { DuplicateStaffEmailError } from '../store/staff.repository.js';

/** Refusals any action may give; routes answer them as the contract's 404, 409 and 400 (bot/routes/api-route.ts). */

/** Absent, or outside the caller's caseload: the two are never told apart. */
export class NotFoundError extends Error {}

/** Not possible in the thing's present state. */
export class ConflictError extends Error {}

/** One field of the input is not acceptable, said as `<path> <reason>` unless a message is given. */
export class InvalidFieldError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    message = `${path} ${reason}`,
  ) {
    super(message);
  }
}

/** A phone number or email that another participant or member of staff already has: a conflict. */
export function isDuplicateError(error: unknown): error is Error {
  return error instanceof DuplicatePhoneError || error instanceof DuplicateStaffEmailError;
}
