/**
 * A position in the PostgreSQL log: "<transaction xid8>:<global_position>", both decimal. The
 * global log is ordered by that pair, so positions compare as tuples, never as strings.
 */
export interface LogPosition {
  xid: bigint;
  globalPosition: bigint;
}

const FORMAT = /^(0|[1-9][0-9]{0,19}):(0|[1-9][0-9]{0,18})$/;
const MAX_XID8 = (1n << 64n) - 1n;
export const MAX_BIGINT = (1n << 63n) - 1n;

export function parsePosition(value: string): LogPosition | null {
  const m = FORMAT.exec(value);
  if (!m) return null;
  const xid = BigInt(m[1]);
  const globalPosition = BigInt(m[2]);
  if (xid > MAX_XID8 || globalPosition > MAX_BIGINT) return null;
  return { xid, globalPosition };
}

export function requirePosition(value: string, what = 'position'): LogPosition {
  const p = parsePosition(value);
  if (!p) throw new TypeError(`${what} ${JSON.stringify(value)} is not a PostgreSQL event store position ("<xid>:<position>")`);
  return p;
}

export function formatPosition(p: LogPosition): string {
  return `${p.xid}:${p.globalPosition}`;
}

export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  if (a.xid !== b.xid) return a.xid < b.xid ? -1 : 1;
  if (a.globalPosition !== b.globalPosition) return a.globalPosition < b.globalPosition ? -1 : 1;
  return 0;
}
