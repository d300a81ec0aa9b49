import type { Migration, MigrationProvider } from 'kysely/migration';
import * as caseRecord from './0001-case-record.js';
import * as appointments from './0002-appointments.js';
import * as followUps from './0003-follow-ups.js';
import * as contact from './0004-contact.js';
import * as audit from './0005-audit.js';
import * as retention from './0006-retention.js';
import * as inWork from './0007-in-work.js';
import * as caseRecordSink from './0008-case-record-sink.js';
import * as staffSessions from './0009-staff-sessions.js';
import * as experiments from './0010-experiments.js';
import * as safeguardingEscalation from './0011-safeguarding-escalation.js';
import * as retentionWords from './0012-retention-words.js';
import * as messagesInsteadOf from './0013-messages-instead-of.js';
import * as operations from './0014-operations.js';
import * as sendReconcile from './0015-send-reconcile.js';
import * as caseloadImport from './0016-caseload-import.js';
import * as staffLifecycle from './0017-staff-lifecycle.js';
import * as staffRoles from './0018-staff-roles.js';
import * as oidcSignIns from './0019-oidc-sign-ins.js';
import * as appointmentImport from './0021-appointment-import.js';
import * as exportsIndex from './0022-exports.js';
import * as crmSinkBatches from './0023-crm-sink-batches.js';
import * as campaignRecentSends from './0024-campaign-recent-sends.js';
import * as crmSinkLaneKeys from './0025-crm-sink-lane-keys.js';
import * as inboundArrivalTime from './0026-inbound-arrival-time.js';

/** Migrations are compiled in, so `npm start` needs no migration files on disk. */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '0001-case-record': caseRecord,
      '0002-appointments': appointments,
      '0003-follow-ups': followUps,
      '0004-contact': contact,
      '0005-audit': audit,
      '0006-retention': retention,
      '0007-in-work': inWork,
      '0008-case-record-sink': caseRecordSink,
      '0009-staff-sessions': staffSessions,
      '0010-experiments': experiments,
      '0011-safeguarding-escalation': safeguardingEscalation,
      '0012-retention-words': retentionWords,
      '0013-messages-instead-of': messagesInsteadOf,
      '0014-operations': operations,
      '0015-send-reconcile': sendReconcile,
      '0016-caseload-import': caseloadImport,
      '0017-staff-lifecycle': staffLifecycle,
      '0018-staff-roles': staffRoles,
      '0019-oidc-sign-ins': oidcSignIns,
      '0021-appointment-import': appointmentImport,
      '0022-exports': exportsIndex,
      '0023-crm-sink-batches': crmSinkBatches,
      '0024-campaign-recent-sends': campaignRecentSends,
      '0025-crm-sink-lane-keys': crmSinkLaneKeys,
      '0026-inbound-arrival-time': inboundArrivalTime,
    };
  },
};
