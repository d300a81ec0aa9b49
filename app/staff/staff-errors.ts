/** A field of a staff change that cannot be accepted (a 400 naming the field). */
export class StaffInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} ${reason}`);
  }
}

/** No such member of staff (a 404). */
export class StaffNotFoundError extends Error {
  constructor() {
    super('No such member of staff');
  }
}

/** The change is understood but refused as things stand (a 409 saying why). */
export class StaffChangeRefusedError extends Error {}
