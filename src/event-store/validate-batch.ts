import { isUuid } from '../shared/ids.js';
import type { NewEvent } from './event-store.port.js';

/** What every adapter refuses before it writes anything: an empty batch, a repeated id, a malformed event. */
export function validateBatch(streamId: string, events: readonly NewEvent[]): void {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
  if (events.length === 0) throw new TypeError(`append to ${streamId}: a batch needs at least one event`);
  const ids = new Set<string>();
  for (const e of events) {
    if (typeof e.eventId !== 'string' || !isUuid(e.eventId)) {
      throw new TypeError(`append to ${streamId}: eventId ${String(e.eventId)} is not a uuid`);
    }
    const id = e.eventId.toLowerCase();
    if (ids.has(id)) throw new TypeError(`append to ${streamId}: event id ${id} appears twice in one batch`);
    ids.add(id);
    if (typeof e.type !== 'string' || e.type.length === 0) throw new TypeError(`append to ${streamId}: event ${id} has no type`);
    if (typeof e.data !== 'object' || e.data === null) throw new TypeError(`append to ${streamId}: event ${id} has no data object`);
    const version = e.metadata?.schemaVersion;
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0 || version > 999_999_999) {
      throw new TypeError(`append to ${streamId}: event ${id} needs an integer metadata.schemaVersion`);
    }
  }
}
