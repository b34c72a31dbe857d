/** Streaming responses (NDJSON, CSV) that respect backpressure, and the audit log's line format. */
import type { Response } from 'express';
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

/** Resolves when the socket takes more, false when the client went away. */
function drained(res: Response): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

/**
 * Writes each chunk as it is produced, waiting for the client to take it before asking for more:
 * memory stays at about one page whatever the size of the download. A client that disconnects
 * stops the source (its `finally` releases what it holds). An error before the first byte is
 * thrown (and answered as problem+json); after it, the response is aborted so the client sees an
 * incomplete transfer rather than a file that looks whole.
 */
export async function streamChunks(res: Response, chunks: AsyncIterable<string>): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (res.destroyed) return;
      if (!res.write(next.value) && !(await drained(res))) return;
    }
    res.end();
  } catch (error) {
    if (!res.headersSent) throw error;
    res.destroy(error as Error);
  } finally {
    await iterator.return?.();
  }
}
