/**
 * Moves a record from one event store to another through the port: the source's log, in log
 * order, written with `appendStored` (ids, streams, revisions, data and metadata byte for byte, each
 * chain hash recomputed and checked on the way in). The same code whatever the two stores are.
 *
 * Resumable: the target must hold a prefix of the source (nothing, or what an interrupted copy
 * wrote: each write is a prefix, PostgreSQL's in one transaction, EventStoreDB's stream run by
 * stream run in log order). That prefix is compared byte for byte before anything is written, and
 * the copy goes on after it. A target that holds anything else is refused and left untouched.
 */
import type { EventStore, StoredEvent } from './event-store.port.js';

export interface CopyProgress {
  /** Events the target holds now (its verified prefix included). */
  copied: number;
  /** Events of the source up to the head the copy stops at. */
  total: number;
}

export interface CopyOptions {
  batchSize?: number;
  onProgress?: (progress: CopyProgress) => void;
  /** Said once the target's content is known: empty, or resuming after n events. */
  onResume?: (alreadyThere: number) => void;
}

export interface CopyResult {
  /** The source's head when the copy started: the copy holds everything up to it. */
  sourceHead: string | null;
  /** The target's position of the last event it holds now. */
  targetLast: string | null;
  alreadyThere: number;
  copied: number;
  total: number;
}

export class TargetNotAPrefix extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetNotAPrefix';
  }
}

const COMPARE_PAGE = 2000;

/** Every field the copy must preserve. */
function differs(source: StoredEvent, target: StoredEvent): string | null {
  const fields = ['eventId', 'streamId', 'revision', 'type', 'schemaVersion', 'data', 'metadata', 'recordedAt'] as const;
  for (const f of fields) if (source[f] !== target[f]) return f;
  return source.chainHash.equals(target.chainHash) ? null : 'chainHash';
}

/** Pages of a store's whole log up to `upTo` (null: its head now). */
async function* pages(store: EventStore, upTo: string | null, pageSize: number): AsyncGenerator<StoredEvent[]> {
  let after: string | null = null;
  for (;;) {
    const page = await store.readLog({ after, upTo, limit: pageSize });
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].position;
  }
}

/** Events of the source up to `upTo`, counted. */
async function countUpTo(store: EventStore, upTo: string | null): Promise<number> {
  if (!upTo) return 0;
  let n = 0;
  for await (const page of pages(store, upTo, COMPARE_PAGE)) n += page.length;
  return n;
}

/**
 * How many events of the source the target already holds, compared field by field; with the
 * source position to continue after. Throws TargetNotAPrefix when the target holds anything else.
 */
export async function verifiedPrefix(source: EventStore, target: EventStore): Promise<{ count: number; after: string | null }> {
  const theirs = pages(source, null, COMPARE_PAGE)[Symbol.asyncIterator]();
  let buffer: StoredEvent[] = [];
  let count = 0;
  let after: string | null = null;
  for await (const page of pages(target, null, COMPARE_PAGE)) {
    for (const t of page) {
      if (buffer.length === 0) {
        const next = await theirs.next();
        if (next.done) throw new TargetNotAPrefix(`the target holds more events than the source (${count} match, then ${t.eventId} in ${t.streamId}): it is not a copy of this record`);
        buffer = next.value;
      }
      const s = buffer.shift()!;
      const field = differs(s, t);
      if (field) {
        throw new TargetNotAPrefix(
          `event #${count + 1} of the target (${t.eventId}, ${t.streamId}@${t.revision}) is not event #${count + 1} of the source ` +
            `(${s.eventId}, ${s.streamId}@${s.revision}): they differ in ${field}. The target is not empty and not a copy of this record; nothing was written`,
        );
      }
      count++;
      after = s.position;
    }
  }
  await theirs.return?.(undefined);
  return { count, after };
}

export async function copyLog(source: EventStore, target: EventStore, options: CopyOptions = {}): Promise<CopyResult> {
  const batchSize = options.batchSize ?? 500;
  const sourceHead = await source.head();
  const prefix = await verifiedPrefix(source, target);
  options.onResume?.(prefix.count);
  const total = await countUpTo(source, sourceHead);
  let copied = prefix.count;
  let targetLast: string | null = null;
  if (sourceHead && (prefix.after === null || source.comparePositions(prefix.after, sourceHead) < 0)) {
    let after = prefix.after;
    for (;;) {
      const page = await source.readLog({ after, upTo: sourceHead, limit: batchSize });
      if (page.length === 0) break;
      targetLast = (await target.appendStored(page)).position ?? targetLast;
      copied += page.length;
      after = page[page.length - 1].position;
      options.onProgress?.({ copied, total });
      if (page.length < batchSize) break;
    }
  }
  return { sourceHead, targetLast, alreadyThere: prefix.count, copied, total };
}

/**
 * Waits (bounded) until readers of the store's log see `position`: a PostgreSQL log shows a commit
 * only once every older transaction of the cluster has finished.
 */
export async function untilVisible(store: EventStore, position: string | null, timeoutMs = 60_000): Promise<void> {
  if (!position) return;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await store.head();
    if (head !== null && store.comparePositions(head, position) >= 0) return;
    if (Date.now() > deadline) throw new Error(`the target's log did not show ${position} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
