import { findInstrument } from '../../domain/in-work/pulse-instruments.js';
import type { CampaignRepository } from '../../store/campaign.repository.js';
import type { CampaignRow } from '../../store/schema.js';
import { csvCell, csvLines } from './csv.js';

type Responses = Awaited<ReturnType<CampaignRepository['responses']>>;

/** The answers a campaign collects, as columns: each pulse question, or the check-in's questions. */
function answerColumns(campaign: CampaignRow): Array<{ header: string; key: string }> {
  if (campaign.type === 'pulse') {
    return (findInstrument(campaign.instrument_id)?.questions ?? []).map((q) => ({ header: `score_${q.id}`, key: q.id }));
  }
  return [
    { header: 'still_in_work', key: 'stillInWork' },
    { header: 'how_it_is_going', key: 'rating' },
    { header: 'wants_call', key: 'wantsCall' },
    { header: 'left_job', key: 'leftJob' },
  ];
}

/** One line a person: what happened to their message and what they answered (no free text: that stays on the record). */
export function campaignResponsesCsv(campaign: CampaignRow, rows: Responses): string {
  const columns = answerColumns(campaign);
  const header = ['participant_id', 'first_name', 'status', 'reason', 'sent_at', 'delivery', 'responded_at', ...columns.map((c) => c.header)];
  const iso = (d: Date | null) => (d ? d.toISOString() : '');
  const lines = [header.join(',')];
  for (const row of rows) {
    const answers = row.answers ?? {};
    lines.push(
      [
        row.participantId,
        csvCell(row.firstName ?? ''),
        row.status,
        csvCell(row.reason ?? ''),
        iso(row.sentAt),
        row.messageStatus ?? '',
        iso(row.respondedAt),
        ...columns.map((c) => {
          const value = answers[c.key];
          return value === undefined || value === null ? '' : csvCell(String(value));
        }),
      ].join(','),
    );
  }
  return csvLines(lines);
}
