import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isWrongNumberReply, type KnownNames } from './wrong-number.js';

const sam: KnownNames = { participant: 'Sam', keyWorker: 'Priya' };

describe('isWrongNumberReply', () => {
  it.each([
    'wrong number',
    'Wrong number!',
    'WRONG NUMBER',
    'Sorry, wrong no.',
    'wrong #',
    'rong numbr',
    'You have the wrong person',
    "you've got the wrong number mate",
    'Stop texting me, wrong number',
    'not me',
    'Not me!',
    "No sorry that's not me",
    'who is this? I don\u2019t know them',
    "I don't know him",
    'dont know her sorry',
    "I don't know who Sam is",
    'dunno who that is',
    "no idea who you're on about",
    "I don't know anyone called that",
    "I don't know a Sam",
    "this isn't Sam",
    "It's not Sam's phone",
    'This is not his number',
    "that's not the right number",
    "That's not my name",
    'no one called that here',
    'Nobody here by that name',
    "there's no Sam here",
    'new number',
    'New number, who is this?',
    "it's a new number sorry",
    'I only got this number last week',
    // Welsh: "wrong number", "the wrong person", "not me (it is)", "I don't know them"
    'RHIF ANGHYWIR',
    'rhif anghywir, sori',
    'y person anghywir',
    'Nid fi',
    'nid fi yw hwn',
    'dw i ddim yn nabod nhw',
    "I'm not Sam",
    'I am not Alexandra-Josephine',
    "I'm not the person you want",
    "He doesn't have this number any more",
    "Sam doesn't live here",
  ])('%j is a wrong number', (text) => {
    expect(isWrongNumberReply(text)).toBe(true);
    expect(isWrongNumberReply(text, sam)).toBe(true);
  });

  it.each([
    'who is this?',
    "Who's this?",
    'who is this please',
    'Sorry who is this again?',
    "I'm not well",
    "not me today, I'm ill",
    "I don't know what to do",
    "I don't know",
    "I don't know when my appointment is",
    "dont know if I can come",
    "I don't know who to ask",
    "I don't know who my key worker is",
    "I'm not coming",
    "I'm not OK",
    "I'm not sure",
    "Im not interested",
    "It's not Monday, it's Tuesday",
    'the time is wrong',
    'wrong day',
    'yes',
    'STOP',
    'not today',
    'it wasn\u2019t me',
    'Sorry, I sent that to the wrong person',
    'I texted the wrong number by mistake',
    'The jobcentre has the wrong number for me',
    'my new number is 07700 900123',
    "I've got a new number",
    'new number 07700900123',
    'is this the right number for Priya?',
    '',
    "I was ill and didn't know who to call. " + 'It has been a hard week and I am sorry I did not ring. '.repeat(3) + 'wrong number',
  ])('%j is not a wrong number', (text) => {
    expect(isWrongNumberReply(text)).toBe(false);
    expect(isWrongNumberReply(text, sam)).toBe(false);
  });

  it('reads the participant\u2019s name in any case, and never takes the key worker\u2019s name for a stranger', () => {
    expect(isWrongNumberReply('im not sam', sam)).toBe(true);
    expect(isWrongNumberReply('im not sam')).toBe(false); // "im not sad" reads the same without the name
    expect(isWrongNumberReply('who is Sam?', sam)).toBe(true);
    expect(isWrongNumberReply('who is Sam?')).toBe(false);
    expect(isWrongNumberReply('who is Priya?', sam)).toBe(false); // forgot their key worker
    expect(isWrongNumberReply("I don't know who Priya is", sam)).toBe(false);
    expect(isWrongNumberReply("this isn't priya", sam)).toBe(false);
    expect(isWrongNumberReply("I'm not Sam", { participant: 'Sam Jones', keyWorker: null })).toBe(true);
  });

  it('never throws, whatever it is given', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 2000 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.constantFrom("I'm not ", 'who is ', "don't know ", 'wrong', 'no one', "'s", "'", '-', 'new number'),
    );
    const names = fc.record({ participant: fc.option(fc.string()), keyWorker: fc.option(fc.string()) });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 5 }).map((parts) => parts.join(' ')), names, (said, known) => {
        expect(typeof isWrongNumberReply(said, known)).toBe('boolean');
      }),
    );
  });
});
