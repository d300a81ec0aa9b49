import { describe, expect, it } from 'vitest';
import { TEST_ACCOUNT_SID } from '../../test/twilio-signer.js';
import { createTwilioClient, rebaseTwilioUri } from './twilio-client.js';

describe('rebaseTwilioUri', () => {
  it.each([
    [
      'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json',
      'http://127.0.0.1:4010',
      'http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Messages.json',
    ],
    [
      'https://api.dublin.ie1.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=50',
      'http://127.0.0.1:4010/',
      'http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Messages.json?PageSize=50',
    ],
    [
      'https://messaging.twilio.com/v1/Services',
      'https://proxy.example.org/twilio',
      'https://proxy.example.org/twilio/v1/Services',
    ],
  ])('%s on %s', (uri, base, expected) => {
    expect(rebaseTwilioUri(uri, new URL(base))).toBe(expected);
  });
});

describe('createTwilioClient', () => {
  it('refuses a base URL that is not http(s)', () => {
    expect(() => createTwilioClient({ accountSid: TEST_ACCOUNT_SID, authToken: 't', apiBaseUrl: 'ftp://x' })).toThrow(/http/);
  });

  it('refuses a base URL with credentials or a query', () => {
    expect(() =>
      createTwilioClient({ accountSid: TEST_ACCOUNT_SID, authToken: 't', apiBaseUrl: 'http://u:p@127.0.0.1:1' }),
    ).toThrow();
    expect(() => createTwilioClient({ accountSid: TEST_ACCOUNT_SID, authToken: 't', apiBaseUrl: 'http://127.0.0.1:1?x=1' })).toThrow();
  });

  it('needs an AC account SID (the SDK checks)', () => {
    expect(() => createTwilioClient({ accountSid: 'nope', authToken: 't' })).toThrow(/AC/);
  });
});
