/**
 * The whole conversation (every dialog, safeguarding first) under bad input: emoji only, mixed scripts, control and
 * invisible characters, 10,000 characters. A turn never throws; a risk phrase hidden in noise is still screened as
 * it is alone; STOP with control or invisible characters round it still opts out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParticipantContext, TurnInput } from '../domain/conversation/conversation.types.js';
import { screenForRisk } from '../domain/safeguarding/screen.js';
import { hostileText } from '../test/hostile-text.arbitrary.js';
import { runTurn } from './conversation.js';
import { participantContext } from '../test/participant-context.fixture.js';

const NOW = new Date('2026-03-10T10:00:00.000Z');
const sam = participantContext();
const turn = (text: string, participant: ParticipantContext = sam) =>
  runTurn({ text, participant, memory: {}, now: NOW, appointments: [], dnaFollowUp: null } satisfies TurnInput);

/**
 * Noise that can never spell an English or Welsh word, even after look-alike and text-speak folding: no Latin,
 * Greek or Cyrillic letters and no digits; emoji, other scripts, symbols, control and invisible characters.
 */
const NOISE_PIECES = [
  '🙂', '👍🏽', '👩‍👧', '🛑', '💬', '🌧️', '1️⃣', '你好', '谢谢', 'شكرا', 'مرحبا', 'नमस्ते', 'ありがとう', '안녕', 'ขอบคุณ',
  '…', '—', '•', '★', '♥', '※', '¶', '§', '«', '»', '¿', '¡', '~', '^', '#', '@', '%', '&', '*', '(', ')', '[', ']', '{', '}',
  '\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\t', '\r\n', '\u2028', '\u200B', '\u200D', '\u200E', '\u202E', '\u2066', '\uFEFF', '\u00AD',
];
const noise = (length: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...NOISE_PIECES), { minLength: 1, maxLength: 40 }).map((pieces) => {
    const unit = pieces.join(' ');
    return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  });
const around = fc.constantFrom(' ', '\n', ' \u200B ', '\t', ' \u0007 ', '\r\n');

const RISK_PHRASES = ['I want to kill myself', "I'm going to take all my pills tonight", 'he hits me every night and I am scared'];

describe('a conversation turn under bad input', () => {
  it('never throws, whatever the text, up to 12,000 characters, opted out or not', () => {
    fc.assert(
      fc.property(hostileText(12_000), fc.boolean(), (text, optedOut) => {
        const result = turn(text, { ...sam, optedOut });
        for (const reply of result.replies) expect(typeof reply.text).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['emoji only', '😭😭😭💔'],
    ['one emoji', '👍🏽'],
    ['mixed scripts', 'Diolch • Dziękuję • شكرا • 你好 • नमस्ते'],
    ['control characters only', '\u0007\u001B\u007F\u0085'],
    ['invisible characters only', '\u200B\u200D\uFEFF\u2066'],
    ['10,000 characters', 'a'.repeat(10_000)],
    ['10,000 emoji', '🙂'.repeat(5_000)],
  ])('%s: a turn that answers (free text, or safeguarding as the screen says)', (_label, text) => {
    const result = turn(text);
    expect(result.alerts.some((a) => a.type === 'safeguarding')).toBe(screenForRisk(text).risk);
  });

  it('a risk phrase hidden among 10,000 characters of noise is screened as it is alone: crisis help and an urgent alert', () => {
    for (const phrase of RISK_PHRASES) expect(screenForRisk(phrase).risk, phrase).toBe(true);
    fc.assert(
      fc.property(fc.constantFrom(...RISK_PHRASES), noise(10_000), fc.constantFrom('start', 'middle', 'end'), around, (phrase, filler, where, gap) => {
        const half = filler.slice(0, 5_000);
        const text = where === 'start' ? phrase + gap + filler : where === 'end' ? filler + gap + phrase : half + gap + phrase + gap + filler.slice(5_000);
        const result = turn(text);
        const alert = result.alerts.find((a) => a.type === 'safeguarding');
        expect(alert, `${where}: ${phrase}`).toBeDefined();
        expect(alert?.data.category).toBe(screenForRisk(phrase).category);
        expect(result.replies.map((r) => r.kind)).toContain('crisis');
      }),
      { numRuns: 30 },
    );
  });

  it('STOP with control or invisible characters round it, or in look-alike letters, still opts out', () => {
    const junk = fc.array(fc.constantFrom('\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\t', '\r\n', '\n', '\u2028', '\u200B', '\u200D', '\u200E', '\u202E', '\u2066', '\uFEFF', '\u00AD', ' '), { maxLength: 5 }).map((p) => p.join(''));
    fc.assert(
      fc.property(junk, fc.constantFrom('STOP', 'stop', 'Stop', 'STOPALL', 'UNSUBSCRIBE', 'ЅТОР', 'ѕtop', 'stóp'), junk, (before, keyword, after) => {
        expect(turn(before + keyword + after).consent, JSON.stringify(before + keyword + after)).toBe('opted_out');
      }),
      { numRuns: 300 },
    );
  });
});
