import { ActivityHandler, BotState, type StatePropertyAccessor, type Storage, type TurnContext } from 'botbuilder';
import type { UpcomingAppointment } from '../../domain/appointments/appointment.types.js';
import type { DnaFollowUpFacts } from '../../domain/appointments/dna.types.js';
import type { KeyWorkerAvailability } from '../../domain/time/key-worker-availability.js';
import type { JobFacts, QuestionSessionFacts } from '../../domain/in-work/question-session.types.js';
import type {
  ConversationMemory,
  ParticipantContext,
  TurnInput,
  TurnResult,
} from '../../domain/conversation/conversation.types.js';
import { conversationStateKey, MEMORY_PROPERTY } from '../../domain/conversation/conversation-state-key.js';

export interface TurnFacts {
  participant: ParticipantContext;
  now: Date;
  appointments: UpcomingAppointment[];
  dnaFollowUp: DnaFollowUpFacts | null;
  welcomePending: boolean;
  session: QuestionSessionFacts | null;
  job: JobFacts | null;
  /** Whether their team is at work now; absent: at work. */
  keyWorkerAvailability?: KeyWorkerAvailability;
}

const FACTS = Symbol('turnFacts');

const RESULT = Symbol('turnResult');

/**
 * The bot: botbuilder carries the turn and the memory, the pure dialog router decides what to say.
 * Memory is kept per person (not per channel), so a conversation survives a switch from SMS to WhatsApp.
 */
export class EngagementBot extends ActivityHandler {
  constructor(private readonly dialogs: (input: TurnInput) => TurnResult) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  /** State for one turn, in the storage the caller commits with the turn's outcome. */
  static memoryFor(storage: Storage, participantId: string): { state: BotState; memory: StatePropertyAccessor<ConversationMemory> } {
    const state = new BotState(storage, async () => conversationStateKey(participantId));
    return { state, memory: state.createProperty<ConversationMemory>(MEMORY_PROPERTY) };
  }

  static prepare(context: TurnContext, facts: TurnFacts, state: BotState, memory: StatePropertyAccessor<ConversationMemory>): void {
    context.turnState.set(FACTS, { facts, state, memory });
  }

  /** The dialog's result for this turn, as it returned it; undefined when no message reached the dialogs. */
  static resultOf(context: TurnContext): TurnResult | undefined {
    return context.turnState.get(RESULT) as TurnResult | undefined;
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const prepared = context.turnState.get(FACTS) as
      | { facts: TurnFacts; state: BotState; memory: StatePropertyAccessor<ConversationMemory> }
      | undefined;
    if (!prepared) throw new Error('EngagementBot.prepare was not called for this turn');
    const { facts, state, memory } = prepared;
    const result = this.dialogs({
      text: context.activity.text ?? '',
      participant: facts.participant,
      memory: await memory.get(context, {}),
      now: facts.now,
      appointments: facts.appointments,
      dnaFollowUp: facts.dnaFollowUp,
      welcomePending: facts.welcomePending,
      session: facts.session,
      job: facts.job,
      ...(facts.keyWorkerAvailability && { keyWorkerAvailability: facts.keyWorkerAvailability }),
    });
    await memory.set(context, result.memory);
    for (const reply of result.replies) {
      await context.sendActivity({ type: 'message', text: reply.text, channelData: { kind: reply.kind } });
    }
    context.turnState.set(RESULT, result);
    await state.saveChanges(context);
  }
}
