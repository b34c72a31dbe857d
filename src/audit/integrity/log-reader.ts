/**
 * The log as stored, page by page in log order, through the event store port (readLog): the
 * digest, the verification, the NDJSON log, the public export and copy-log all read through here,
 * in constant memory whatever the size of the log, on either adapter.
 */
import type { EventStore, ReadLogOptions, StoredEvent } from '../../event-store/event-store.port.js';

export type LogRange = Omit<ReadLogOptions, 'limit'>;

/** The range page by page, in log order. */
export async function* readLogPages(store: EventStore, range: LogRange, pageSize: number): AsyncGenerator<StoredEvent[]> {
  let after = range.after ?? null;
  for (;;) {
    const page = await store.readLog({ ...range, after, limit: pageSize });
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].position;
  }
}
