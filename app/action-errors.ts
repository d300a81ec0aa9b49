/** Refusals any action may give; routes answer them as the contract's 404, 409 and 400 (bot/routes/api-route.ts). */

/** Absent, or outside the caller's caseload: the two are never told apart. */
export class NotFoundError extends Error {}

/** Not possible in the thing's present state. */
export class ConflictError extends Error {}

/** One field of the input is not acceptable, said as `<path> <message>`. */
export class InvalidFieldError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} ${reason}`);
  }
}
