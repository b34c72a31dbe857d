/** The audit log's line format. */
import type { StoredEvent } from '../../event-store/event-store.port.js';

/** A stored JSON text on one line: verbatim (so the stored bytes reach the auditor) unless it spans lines. */
function jsonOnOneLine(stored: string): string {
  return /[\r\n]/.test(stored) ? JSON.stringify(JSON.parse(stored)) : stored;
}

/**
 * One line of GET /v1/audit/events: the stored event, data and metadata as the stored JSON text.
 * For events this service wrote, JSON.stringify of the parsed `data` and `metadata` gives back the
 * stored text, so the chain hashes and the digest can be recomputed from the download alone.
 */
export function auditLine(e: StoredEvent): string {
  return (
    `{"position":${JSON.stringify(e.position)},"eventId":${JSON.stringify(e.eventId)},"streamId":${JSON.stringify(e.streamId)},` +
    `"revision":${e.revision},"type":${JSON.stringify(e.type)},"schemaVersion":${e.schemaVersion},` +
    `"data":${jsonOnOneLine(e.data)},"metadata":${jsonOnOneLine(e.metadata)},` +
    `"recordedAt":${JSON.stringify(e.recordedAt)},"chainHash":"${e.chainHash.toString('hex')}"}\n`
  );
}
