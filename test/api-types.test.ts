import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_SCHEMA_FILE, generateApiTypes } from '../web/generate-api-types.js';
import type * as Api from '../web/src/api-types.js';

type IsNever<T> = [T] extends [never] ? true : false;
type AnyIsNever<T> = { [K in keyof T]: IsNever<T[K]> }[keyof T];
/** Checked by tsc (npm test): a name in api-types.ts whose route is gone (a path renamed, a status dropped) is `never`. */
const _everyNameFindsItsShape: false = false as AnyIsNever<{
  session: Api.Session;
  staffRole: Api.StaffRole;
  caseloadEntry: Api.CaseloadEntry;
  alert: Api.Alert;
  alertPriority: Api.AlertPriority;
  participantDetail: Api.ParticipantDetail;
  job: Api.Job;
  checkIn: Api.CheckIn;
  confidenceSeries: Api.ConfidenceSeries;
  threadMessage: Api.ThreadMessage;
  recordEvent: Api.RecordEvent;
  appointment: Api.Appointment;
  reminderPolicy: Api.ReminderPolicy;
  bankHolidayRegion: Api.BankHolidayRegion;
  pulseInstrument: Api.PulseInstrument;
  campaign: Api.Campaign;
  campaignStatus: Api.CampaignStatus;
  campaignCounts: Api.CampaignCounts;
  fieldError: Api.FieldError;
}>;

describe("the dashboard's API types", () => {
  it('are what the OpenAPI document gives today (run `npm run build:api-types` after changing an API schema)', async () => {
    expect(readFileSync(API_SCHEMA_FILE, 'utf8')).toBe(await generateApiTypes());
  });
});
