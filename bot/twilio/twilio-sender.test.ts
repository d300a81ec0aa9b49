import { describe, expect, it } from 'vitest';
import { TEST_ACCOUNT_SID } from '../../test/twilio-signer.js';
import { createTwilioClient } from './twilio-client.js';
import { TwilioMessageSender } from './twilio-sender.js';

// Nothing listens on port 9 of 127.0.0.1; these checks fail before any request is made.
const client = createTwilioClient({ accountSid: TEST_ACCOUNT_SID, authToken: 'token', apiBaseUrl: 'http://127.0.0.1:9' });
const statusCallback = 'https://bot.example.org/twilio/status';

describe('TwilioMessageSender (checks before sending)', () => {
  it('needs an SMS sender for SMS', async () => {
    const sender = new TwilioMessageSender({ client, whatsappFrom: 'whatsapp:+447700900000' });
    await expect(sender.send({ to: '+447700900123', channel: 'sms', body: 'Hi', statusCallback })).rejects.toThrow(
      /no SMS sender/,
    );
  });

  it('needs a WhatsApp sender for WhatsApp', async () => {
    const sender = new TwilioMessageSender({ client, smsFrom: '+447700900000' });
    await expect(sender.send({ to: '+447700900123', channel: 'whatsapp', body: 'Hi', statusCallback })).rejects.toThrow(
      /no WhatsApp sender/,
    );
  });

  it.each(['07700900123', '447700900123', '+44 7700 900123', ''])('refuses a To of %j', async (to) => {
    const sender = new TwilioMessageSender({ client, smsFrom: '+447700900000' });
    await expect(sender.send({ to, channel: 'sms', body: 'Hi', statusCallback })).rejects.toThrow(/E\.164/);
  });

  it('needs a body or a template', async () => {
    const sender = new TwilioMessageSender({ client, smsFrom: '+447700900000' });
    await expect(sender.send({ to: '+447700900123', channel: 'sms', statusCallback })).rejects.toThrow(/body or a contentSid/);
  });
});

describe('TwilioMessageSender (start)', () => {
  it("loads the SDK's Messages API when it is made, not inside the first send's rate-limit slot", () => {
    const touched: string[] = [];
    const fresh = createTwilioClient({ accountSid: TEST_ACCOUNT_SID, authToken: 'token', apiBaseUrl: 'http://127.0.0.1:9' });
    const watched = new Proxy(fresh, {
      get(target, key, receiver) {
        touched.push(String(key));
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    new TwilioMessageSender({ client: watched, smsFrom: '+447700900000' });
    expect(touched).toContain('messages');
  });
});
