import { caseloadOf, type StaffIdentity } from '../../domain/caseload.js';
import { exportRange, type ExportRange } from '../../domain/export-range.js';
import type { ExportScope } from '../../store/case-record-export.repository.js';
import { ExportRequestError, ExportTeamForbiddenError, fileNamePart } from './csv-export.js';

export interface ExportRequest {
  staff: StaffIdentity;
  /** Admins name any team (or none: everyone); anyone else only their own, and sees only their caseload in it. */
  team?: string | undefined;
  from: string;
  to: string;
}

/** Who and which days an export covers, checked before a single row is read. */
export function exportScopeFor(request: ExportRequest, timeZone: string): { scope: ExportScope; range: ExportRange; label: string } {
  const { staff, team } = request;
  if (team !== undefined && staff.role !== 'admin' && team !== staff.team) throw new ExportTeamForbiddenError();
  const checked = exportRange(request.from, request.to, timeZone);
  if (!checked.ok) throw new ExportRequestError(checked.field, checked.message);
  const label = team !== undefined ? fileNamePart(team) : staff.role === 'admin' ? 'all' : 'caseload';
  return { scope: { caseload: caseloadOf(staff), ...(team !== undefined && { team }) }, range: checked.range, label };
}
