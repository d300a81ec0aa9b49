import type { Channel } from '../../domain/channel.js';
import type { ProviderMessage, SenderIdentity, SentMessageLookup } from '../../domain/sending/send-reconcile.js';

/**
 * Sandbox mode: nothing leaves the machine, so a send is never cut by a network. The only way to leave one
 * `sending` is a workers process that dies between claim and record, and then nothing went anywhere: the lookup
 * finds nothing and the sweep sends it (into the outbox) once more.
 */
export class SandboxSentMessageLookup implements SentMessageLookup {
  async findSent(): Promise<ProviderMessage[]> {
    return [];
  }

  senderFor(_channel: Channel): SenderIdentity {
    return { from: 'sandbox' };
  }
}
