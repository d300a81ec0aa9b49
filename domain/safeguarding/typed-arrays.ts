/** A copy of the array at twice its length (the rest zero), for buffers that grow. */
export function doubled<T extends Int32Array | Uint8Array>(from: T): T {
  const to = new (from.constructor as new (length: number) => T)(from.length * 2);
  to.set(from);
  return to;
}
