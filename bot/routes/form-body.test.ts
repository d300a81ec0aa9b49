import fc from 'fast-check';
import qs from 'qs';
import { describe, expect, it } from 'vitest';
import { hostilePiece } from '../../test/hostile-text.arbitrary.js';
import { encodeTwilioForm, inboundParams, statusParams } from '../../test/twilio-signer.js';
import { parseFormBody } from './form-body.js';

// Pieces of a form body that each rule of qs's reading turns on: separators, escapes good and broken, plus signs,
// brackets raw and escaped in either case, the fields every object has, and Twilio's own field names.
const FORM_PIECES = [
  '&', '=', '&&', '==', '+', '%', '%2', '%20', '%2B', '%25', '%255B', '%E2%82', '%E2%82%AC', '%F0%9F%91%8D', '%00', '%zz', '%5B', '%5b', '%5D', '%5d',
  '[', ']', '[]', 'a[b]', 'Body[toString]', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '1', '.', 'a.b',
  'Body', 'From', 'To', 'MessageSid', 'MediaUrl0', 'NumMedia', 'x', 'é', '👍',
];
const piece = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FORM_PIECES) }, { weight: 1, arbitrary: hostilePiece });
const text = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(''));
// Any run of pieces, and fields (often repeated: the keys come from few pieces) joined as a form is.
const formBody = fc.oneof(
  fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')),
  fc.array(fc.tuple(fc.oneof(fc.constantFrom('Body', 'From', '%42ody', 'B+y', '', 'constructor', '__proto__'), text), fc.option(text, { nil: undefined })), { maxLength: 12 }).map((fields) => fields.map(([key, value]) => (value === undefined ? key : `${key}=${value}`)).join('&')),
);

describe('parseFormBody: what restify\'s body parser (qs) reads, quicker for flat forms', () => {
  it('reads every body as qs.parse does', () => {
    fc.assert(
      fc.property(formBody, (body) => {
        expect(parseFormBody(body)).toStrictEqual(qs.parse(body));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads Twilio\'s own forms, SMS and WhatsApp, inbound and status, as qs.parse does', () => {
    const forms = [
      inboundParams({ from: '+447700900123', body: 'Yes I can come 👍 & thanks = 100% "ok"' }),
      inboundParams({ from: '+447700900123', body: 'photo', whatsapp: true, mediaUrls: ['https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1'] }),
      statusParams({ sid: `SM${'0'.repeat(32)}`, status: 'delivered', to: '+447700900123' }),
    ];
    for (const form of forms) {
      const body = encodeTwilioForm(form);
      expect(parseFormBody(body)).toStrictEqual(qs.parse(body));
      expect(parseFormBody(body)).toStrictEqual(form);
    }
  });

  it('leaves the cases only qs reads to qs: nested, repeated and too many fields', () => {
    for (const body of ['Body[toString]=x&Body=hello', 'a=1&a=2', 'a%5Bb%5D=1', Array.from({ length: 1001 }, (_, i) => `f${i}=${i}`).join('&')]) {
      expect(parseFormBody(body)).toStrictEqual(qs.parse(body));
    }
  });
});
