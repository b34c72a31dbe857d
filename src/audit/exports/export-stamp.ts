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

/** The first line of an NDJSON export. */
export const metaLine = (stamp: ExportStamp): string => `${JSON.stringify({ _meta: stamp })}\n`;
