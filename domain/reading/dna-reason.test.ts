import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoriseDnaReason, DNA_REASON_OPTIONS } from './dna-reason.js';
import { DNA_REASON_CATEGORIES, type DnaReasonCategory } from '../appointments/dna.types.js';

describe('categoriseDnaReason', () => {
  it.each<[says: string, category: DnaReasonCategory]>([
    ['1', 'ill_health'],
    ['1.', 'ill_health'],
    [' 2 ', 'caring'],
    ['option 2', 'caring'],
    ['Option 3 please', 'transport_cost'],
    ['number 4', 'forgot'],
    ['no. 5', 'work_interview'],
    ['#6', 'other'],
    ['6)', 'other'],
    ['1️⃣', 'ill_health'],
    ['two', 'caring'],
    ['option five', 'work_interview'],
    // The number wins over the words after it.
    ['3 bus was late', 'transport_cost'],
    ['2 - I was ill', 'caring'],
    ['5. Got a trial shift at Tesco', 'work_interview'],
    // Welsh
    ['opsiwn 2', 'caring'], // option 2
    ['rhif 4', 'forgot'], // number 4
    ['dau', 'caring'], // two
    ['Tri', 'transport_cost'], // three
    ['opsiwn pump', 'work_interview'], // option five
    ['rhif chwech', 'other'], // number six
    ['3 roedd y bws yn hwyr', 'transport_cost'], // 3 the bus was late
  ])('%j is option → %s', (says, category) => {
    expect(categoriseDnaReason(says)).toEqual({ category, byNumber: true });
  });

  it.each<[says: string, category: DnaReasonCategory]>([
    // Health
    ['I was ill', 'ill_health'],
    ['Sorry I was sick', 'ill_health'],
    ['felt really unwell', 'ill_health'],
    ["wasn't feeling well", 'ill_health'],
    ['I had a doctors appointment', 'ill_health'],
    ['Had to see my GP', 'ill_health'],
    ['was in hospital', 'ill_health'],
    ['bad migraine', 'ill_health'],
    ['got covid', 'ill_health'],
    ['My anxiety was really bad', 'ill_health'],
    ['been so depressed lately', 'ill_health'],
    ['my mental health has been awful', 'ill_health'],
    ['in a lot of pain with my back', 'ill_health'],
    ['I was ill so my mum took me to the GP', 'ill_health'],
    ['broke my wrist', 'ill_health'],
    ['I\u2019m not well', 'ill_health'],
    // Caring
    ['my son was ill', 'caring'],
    ['kids were off school', 'caring'],
    ['no childcare', 'caring'],
    ['had to look after my nan', 'caring'],
    ['I am a carer for my dad', 'caring'],
    ['My mum was in hospital', 'caring'],
    ['family stuff', 'caring'],
    // Transport or cost
    ['the bus never came', 'transport_cost'],
    ['trains were cancelled', 'transport_cost'],
    ["couldn't afford the fare", 'transport_cost'],
    ['no money for petrol', 'transport_cost'],
    ['no credit on my phone to ring', 'transport_cost'],
    ['my lift let me down', 'transport_cost'],
    ["my partner's car broke down", 'transport_cost'],
    ["I didn't get paid so couldn't get there", 'transport_cost'],
    // Forgot or didn't know
    ['I forgot', 'forgot'],
    ['sorry forgot all about it', 'forgot'],
    ["didn't know I had one", 'forgot'],
    ['didnt get the text', 'forgot'],
    ['I thought it was the wrong day', 'forgot'],
    ['came at the wrong time', 'forgot'],
    ["I didn't see the message", 'forgot'],
    ['overslept', 'forgot'],
    // Work or interview
    ['I was at work', 'work_interview'],
    ['they put me on an extra shift', 'work_interview'],
    ['had a job interview', 'work_interview'],
    ['I started work on Monday!', 'work_interview'],
    ['work trial', 'work_interview'],
    // Something else
    ['I was at the jobcentre', 'other'],
    ['my phone did not work', 'other'],
    ['personal reasons', 'other'],
    ['', 'other'],
    ['   ', 'other'],
    ['👍', 'other'],
    // Not option numbers, and not "ill" for "I'll" without its apostrophe.
    ['10am was too early for me', 'other'],
    ['1st time I missed it', 'other'],
    ['5 mins late and they had gone', 'other'],
    ['ill be there next time', 'other'],
    ['Ill call you', 'other'],
    ['one day I will explain', 'other'],
    ['I was a tad unwell', 'ill_health'], // English "a tad", not Welsh "tad" (dad)
    // Welsh: health
    ["Roeddwn i'n sâl", 'ill_health'], // I was ill
    ['ro’n i’n sal', 'ill_health'], // I was ill, typed without the accent
    ["ro'n i'n dost", 'ill_health'], // I was ill (southern)
    ['salwch', 'ill_health'], // illness
    ['roeddwn i yn yr ysbyty', 'ill_health'], // I was in hospital
    ['roedd rhaid i fi weld y meddyg', 'ill_health'], // I had to see the doctor
    ['pen tost ofnadwy', 'ill_health'], // an awful headache
    ["ddim yn teimlo'n dda", 'ill_health'], // not feeling well
    ['fy iechyd meddwl', 'ill_health'], // my mental health
    // Welsh: caring
    ['roedd fy mab yn sâl', 'caring'], // my son was ill
    ['roedd mam yn yr ysbyty', 'caring'], // mum was in hospital
    ['dim gofal plant', 'caring'], // no childcare
    ['roedd rhaid i fi warchod', 'caring'], // I had to babysit
    ['gofalu am fy nhad', 'caring'], // looking after my dad
    ['y plant yn sâl', 'caring'], // the children ill
    // Welsh: transport or cost
    ['roedd y bws yn hwyr', 'transport_cost'], // the bus was late
    ['dim arian am docyn', 'transport_cost'], // no money for a ticket
    ["methu fforddio'r trên", 'transport_cost'], // couldn't afford the train
    ['lifft wedi methu', 'transport_cost'], // lift fell through
    ['roedd y tren wedi ei ganslo', 'transport_cost'], // the train was cancelled
    // Welsh: forgot or didn't know
    ['anghofiais i', 'forgot'], // I forgot
    ['sori, wedi anghofio', 'forgot'], // sorry, forgot
    ["do'n i ddim yn gwybod", 'forgot'], // I didn't know
    ['ches i ddim y neges', 'forgot'], // I didn't get the message
    ['diwrnod anghywir', 'forgot'], // wrong day
    // Welsh: work or interview
    ['roeddwn i yn y gwaith', 'work_interview'], // I was at work
    ['cyfweliad am swydd', 'work_interview'], // a job interview
    ['roedd gen i shifft', 'work_interview'], // I had a shift
    ["dw i wedi dechrau gweithio", 'work_interview'], // I've started working
    // Welsh: something else
    ["ro'n i yn y Ganolfan Byd Gwaith", 'other'], // I was at the Jobcentre
    ['gyda fy anogwr gwaith', 'other'], // with my work coach
    ['doedd fy ffôn ddim yn gweithio', 'other'], // my phone wasn't working
    ["Cymru'n Gweithio", 'other'], // Working Wales, the careers service
    ['dw i ddim yn gwybod', 'other'], // I don't know: no reason given
    ['rhesymau personol', 'other'], // personal reasons
    // Welsh: not option numbers
    ['10yb yn rhy gynnar', 'other'], // 10am too early
    ['5 munud yn hwyr', 'other'], // 5 minutes late
    ["2 o'r gloch yn rhy hwyr", 'other'], // 2 o'clock too late
    ['un diwrnod', 'other'], // one day
  ])('%j → %s', (says, category) => {
    expect(categoriseDnaReason(says)).toEqual({ category, byNumber: false });
  });

  it('numbers the options in the order the message lists them', () => {
    expect(DNA_REASON_OPTIONS).toEqual(['ill_health', 'caring', 'transport_cost', 'forgot', 'work_interview', 'other']);
  });

  it('never throws and always gives a known category on Welsh words, in any order and case', () => {
    const welsh = fc.constantFrom(
      'sâl', 'tost', 'ysbyty', 'plant', 'mam', 'tad', 'a tad', 'gofalu', 'bws', 'trên', 'arian', 'anghofio', 'ddim yn gwybod',
      'dw i', 'gwaith', 'byd gwaith', 'anogwr', 'ddim yn gweithio', 'swydd', 'clwb swyddi', 'opsiwn', 'rhif', 'dau',
      'chwech', '3', '10yb', "o'r gloch", 'munud', 'ŵ', 'â', "'",
    );
    fc.assert(
      fc.property(fc.mixedCase(fc.array(welsh, { maxLength: 12 }).map((words) => words.join(' '))), (says) => {
        const reading = categoriseDnaReason(says);
        expect(DNA_REASON_CATEGORIES).toContain(reading.category);
        expect(categoriseDnaReason(says.toLowerCase())).toEqual(reading);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws and always gives a known category, whatever is texted', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 2000 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.constantFrom('1', 'option 7', '0', '66', 'ill', "I'll", 'work coach', '#', 'no.'),
    );
    fc.assert(
      fc.property(text, (says) => {
        const reading = categoriseDnaReason(says);
        expect(DNA_REASON_CATEGORIES).toContain(reading.category);
        expect(typeof reading.byNumber).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
