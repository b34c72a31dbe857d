import { REASONED_RESPONSE_COLUMNS, type ReasonedResponseItem } from './reasoned-response.queries.js';

/** RFC 4180: quoted only when needed, quotes doubled; null is an empty field. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const record = (fields: (string | null)[]): string => `${fields.map(csvField).join(',')}\r\n`;

/** The header row, then one record per item; commitment ids joined by ';'. */
export async function* reasonedResponseCsv(items: AsyncIterable<ReasonedResponseItem>): AsyncGenerator<string> {
  yield record([...REASONED_RESPONSE_COLUMNS]);
  for await (const item of items) {
    yield record(REASONED_RESPONSE_COLUMNS.map((column) => (column === 'commitmentIds' ? item.commitmentIds.join(';') : item[column])));
  }
}
