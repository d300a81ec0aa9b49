/**
 * The shapes the dashboard reads from the key-worker API, named. Each is taken from api-schema.generated.ts, which
 * is generated from the server's OpenAPI document: web/ knows the API only, and a shape lives in one place.
 */
import type { paths } from './api-schema.generated.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The JSON a route answers with the given status. */
type Answer<Path extends keyof paths, M extends Method, Status extends number = 200> =
  NonNullable<paths[Path][M]> extends { responses: { [S in Status]: { content: { 'application/json': infer Body } } } } ? Body : never;

export type Session = Answer<'/api/session', 'get'>;
export type StaffRole = Session['staff']['role'];
export type SignInMethods = Answer<'/api/sign-in-methods', 'get'>;

export type CaseloadEntry = Answer<'/api/caseload', 'get'>[number];

export type Alert = Answer<'/api/alerts', 'get'>[number];
export type AlertPriority = Alert['priority'];

export type ParticipantDetail = Answer<'/api/participants/{id}', 'get'>;
export type Job = NonNullable<ParticipantDetail['job']>;
export type CheckIn = NonNullable<Job['checkIns']>[number];
export type ConfidenceSeries = NonNullable<ParticipantDetail['confidence']>[number];

export type ThreadMessage = Answer<'/api/participants/{id}/messages', 'get'>[number];
export type RecordEvent = Answer<'/api/participants/{id}/record', 'get'>['events'][number];
export type Appointment = Answer<'/api/participants/{id}/appointments', 'get'>[number];
export type CallAheadSent = Answer<'/api/participants/{id}/call-ahead', 'post', 202>;

export type ReminderPolicy = Answer<'/api/reminder-policy', 'get'>;
export type ImportReport = Answer<'/api/participants/import', 'post'>;
export type BankHolidayRegion = ReminderPolicy['region'];
export type PulseInstrument = Answer<'/api/pulse-instruments', 'get'>[number];

export type Campaign = Answer<'/api/campaigns/{id}', 'get'>;
export type CampaignStatus = Campaign['status'];
export type CampaignCounts = NonNullable<Campaign['counts']>;

export type FieldError = NonNullable<NonNullable<Answer<'/api/participants', 'post', 400>['error']['details']>['fields']>[number];

export type StaffMember = Answer<'/api/staff', 'get'>[number];
export type StaffCreated = Answer<'/api/staff', 'post', 201>;
export type StaffToken = Answer<'/api/staff/{id}/token', 'post', 201>;
