/**
 * fast-check arbitraries for text a hostile or broken sender could put in any field: unicode tricks (zero-width
 * and direction marks, combining marks, homoglyphs, astral emoji, lone surrogates), control characters, SQL and
 * HTML, and very long runs. Shared by the parser property tests and the webhook fuzz test.
 */
import fc from 'fast-check';

const TRICKS = [
  '\u200B', '\u200D', '\u200E', '\u202E', '\u2066', '\uFEFF', '\u00AD', '\u0301', '\u0000', '\u0007', '\u001B', '\u007F',
  '\r\n', '\t', '\u2028', '\u2029', 'ｓｔｏｐ', 'ＳＴＯＰ', 'Ѕ', 'ѕtop', '𝐒𝐓𝐎𝐏', '🛑', '👍🏽', '1️⃣', '\uD800', '\uDFFF', '%00', '%',
];
const INJECTIONS = [
  "'; drop table messages; --", "' or '1'='1", 'robert"); delete from participants; --', '$1', '\\x00', 'E\'\\\\\'',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', '{{constructor.constructor("x")()}}',
  '${process.exit()}', '__proto__', 'constructor', 'toString', '[object Object]', 'null', 'undefined', 'NaN', '-1', '1e309',
];

/** One piece of hostile text. */
export const hostilePiece: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...TRICKS),
  fc.constantFrom(...INJECTIONS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ maxLength: 40 }),
);

/** Hostile text of any length up to `maxLength`, sometimes built from a repeated piece to reach it. */
export function hostileText(maxLength = 12_000): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(hostilePiece, { maxLength: 12 }).map((parts) => parts.join('')) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(hostilePiece, fc.integer({ min: 1, max: maxLength }))
        .map(([piece, length]) => (piece === '' ? 'x' : piece).repeat(Math.ceil(length / Math.max(1, piece.length))).slice(0, length)),
    },
  );
}
