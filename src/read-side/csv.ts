import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

/**
 * The one CSV writer of the service (RFC 4180, CRLF). UTF-8 with a byte-order mark by default:
 * without it Excel reads UTF-8 as a legacy code page and garbles "Gjirokastër"; `?bom=false`
 * drops it for tools that do not expect one.
 */
export const UTF8_BOM = '\uFEFF';

export type CsvValue = string | number | boolean | null | undefined;

/** Quoted only when needed, quotes doubled; null is an empty field. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRecord = (fields: readonly CsvValue[]): string => `${fields.map(csvField).join(',')}\r\n`;

/** The header line (after the byte-order mark unless `bom` is false). */
export const csvHeader = (columns: readonly string[], bom = true): string => `${bom ? UTF8_BOM : ''}${csvRecord(columns)}`;

/** A list in one field: joined by ";". */
export const csvList = (values: readonly (string | null)[]): string => values.map((v) => v ?? '').join(';');

/** `?bom=false`: a CSV without the byte-order mark. */
export class CsvQuery {
  @ApiPropertyOptional({ type: Boolean, default: true, description: 'CSV only: start with a UTF-8 byte-order mark (so Excel reads the text right); false drops it' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  bom?: boolean;
}
