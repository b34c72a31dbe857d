import { csvField } from '../../../projections/reasoned-response/reasoned-response.csv.js';
import { REASONED_RESPONSE_COLUMNS, type ReasonedResponseItem } from '../../../projections/reasoned-response/reasoned-response.queries.js';

/** The contract's columns (DESIGN.md §5), prefixed by the cycle: the export spans every cycle. */
const REASONED_RESPONSE_EXPORT_COLUMNS = ['cycleId', ...REASONED_RESPONSE_COLUMNS] as const;

export type ReasonedResponseExportItem = ReasonedResponseItem & { cycleId: string };

export const csvHeader = (): string => `${REASONED_RESPONSE_EXPORT_COLUMNS.join(',')}\r\n`;

/** One RFC 4180 record in the contract's column order; commitment ids joined by ';'. */
export function csvRecord(item: ReasonedResponseExportItem): string {
  const fields = REASONED_RESPONSE_EXPORT_COLUMNS.map((c) => (c === 'commitmentIds' ? item.commitmentIds.join(';') : item[c]));
  return `${fields.map(csvField).join(',')}\r\n`;
}
