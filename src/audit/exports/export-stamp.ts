import type { Response } from 'express';

/**
 * What an export reflects, so that two exports can be compared: the log position (for a read
 * model, what its projection has seen; for the event log, the head the export stops at) and the
 * version and position of each projection it was read from.
 */
export interface ExportStamp {
  export: string;
  position: string | null;
  projections: Record<string, { version: number; position: string | null }>;
  generatedAt: string;
}

/** X-Log-Position and X-Projection-Versions ("name=version", comma-separated; "none" for the raw log). */
export function setStampHeaders(res: Response, stamp: ExportStamp): void {
  const versions = Object.entries(stamp.projections).map(([name, p]) => `${name}=${p.version}`);
  res.setHeader('X-Log-Position', stamp.position ?? 'none');
  res.setHeader('X-Projection-Versions', versions.length > 0 ? versions.join(',') : 'none');
  res.setHeader('Access-Control-Expose-Headers', 'X-Log-Position, X-Projection-Versions');
}

/** The first line of an NDJSON export. */
export const metaLine = (stamp: ExportStamp): string => `${JSON.stringify({ _meta: stamp })}\n`;
