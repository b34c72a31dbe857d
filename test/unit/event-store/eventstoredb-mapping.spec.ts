/**
 * The EventStoreDB adapter's translations, without a server: positions to and from the client's
 * { commit, prepare }, expected revisions, the client's errors, the metadata that carries the
 * chain hash, which events of $all are the record's, and events as the client really hands them
 * back (built as gRPC messages and converted by the client's own code).
 */
import { randomUUID } from 'node:crypto';
import { WrongExpectedVersionError } from '@eventstore/db-client';
import { IdempotencyMismatch, WrongExpectedRevision, type StoredEvent } from '../../../src/event-store/event-store.port.js';
import { canonicalMetadata, storedRuns, subscriptionFilter } from '../../../src/event-store/eventstoredb/eventstoredb-event-store.js';
import {
  CHAIN_KEY,
  categoryNames,
  comparePositions,
  decodeMetadata,
  encodeMetadata,
  exactNames,
  expectationHolds,
  formatPosition,
  fromClientError,
  fromClientRevision,
  isCanonicalJson,
  isRecordEvent,
  parsePosition,
  RESERVATION_TYPE,
  reservationStream,
  toClientExpectedRevision,
  toEventData,
  toRecorded,
  toStoredEvent,
} from '../../../src/event-store/eventstoredb/mapping.js';
import { chainHash, GENESIS_HASH } from '../../../src/event-store/hashing.js';
import { LogOrderChainCheck } from '../../../src/event-store/log-order-chains.js';
import { fromServer, type Wire } from '../../support/eventstoredb-wire.js';

const metadata = {
  actor: { id: 'lfp-moj', role: 'lfp' as const, institution: 'Ministry of Justice' },
  correlationId: 'c-1',
  causationId: null,
  occurredAt: '2021-03-04T10:00:00.000Z',
  schemaVersion: 2,
};

describe('positions ↔ the client’s { commit, prepare }', () => {
  it('are written "C:<commit>/P:<prepare>" and parsed back to the same bigints', () => {
    const p = { commit: 18446744073709551615n, prepare: 12345n };
    expect(formatPosition(p)).toBe('C:18446744073709551615/P:12345');
    expect(parsePosition(formatPosition(p))).toEqual(p);
    expect(parsePosition('C:0/P:0')).toEqual({ commit: 0n, prepare: 0n });
  });

  it('refuse anything else, a PostgreSQL position included', () => {
    for (const bad of ['', '12:34', 'C:1/P:', 'C:01/P:1', 'C:1/P:1 ', 'c:1/p:1', 'C:18446744073709551616/P:0', 'C:-1/P:0']) {
      expect(parsePosition(bad)).toBeNull();
    }
  });

  it('order as (commit, prepare) tuples, never as strings', () => {
    const a = { commit: 9n, prepare: 9n };
    const b = { commit: 10n, prepare: 1n };
    const c = { commit: 10n, prepare: 2n };
    expect(comparePositions(a, b)).toBeLessThan(0); // "C:9" > "C:10" as strings
    expect(comparePositions(c, b)).toBeGreaterThan(0);
    expect(comparePositions(b, { ...b })).toBe(0);
  });
});

describe('expected revisions, both ways', () => {
  it('maps the port’s expectations to the client’s', () => {
    expect(toClientExpectedRevision('any')).toBe('any');
    expect(toClientExpectedRevision('no_stream')).toBe('no_stream');
    expect(toClientExpectedRevision('stream_exists')).toBe('stream_exists');
    expect(toClientExpectedRevision(0)).toBe(0n);
    expect(toClientExpectedRevision(41)).toBe(41n);
    expect(toClientExpectedRevision(-1)).toBe('no_stream');
    for (const bad of [-2, 1.5, Number.NaN]) expect(() => toClientExpectedRevision(bad)).toThrow(TypeError);
  });

  it('maps the client’s current revision back: no_stream is -1', () => {
    expect(fromClientRevision('no_stream')).toBe(-1);
    expect(fromClientRevision(undefined)).toBe(-1);
    expect(fromClientRevision(7n)).toBe(7);
    expect(fromClientRevision(-1n)).toBe(-1);
  });

  it('checks a caller’s expectation against the stream’s revision', () => {
    expect(expectationHolds('any', -1)).toBe(true);
    expect(expectationHolds('no_stream', -1)).toBe(true);
    expect(expectationHolds('no_stream', 0)).toBe(false);
    expect(expectationHolds(-1, -1)).toBe(true);
    expect(expectationHolds('stream_exists', -1)).toBe(false);
    expect(expectationHolds('stream_exists', 3)).toBe(true);
    expect(expectationHolds(3, 3)).toBe(true);
    expect(expectationHolds(3, 4)).toBe(false);
  });
});

describe('errors', () => {
  it('turns the client’s WrongExpectedVersionError into WrongExpectedRevision with the actual revision', () => {
    const atFour = new WrongExpectedVersionError(undefined, { streamName: 'cycle-1', current: 4n, expected: 2n });
    const mapped = fromClientError(atFour, 'cycle-1', 2);
    expect(mapped).toBeInstanceOf(WrongExpectedRevision);
    expect(mapped).toMatchObject({ streamId: 'cycle-1', expected: 2, actualRevision: 4, code: 'EVENT_STORE.WRONG_EXPECTED_REVISION' });

    const missing = new WrongExpectedVersionError(undefined, { streamName: 'cycle-2', current: 'no_stream', expected: 'stream_exists' });
    expect(fromClientError(missing, 'cycle-2', 'stream_exists')).toMatchObject({ actualRevision: -1, expected: 'stream_exists' });
  });

  it('leaves every other error as it is', () => {
    const other = new Error('unavailable');
    expect(fromClientError(other, 's', 'any')).toBe(other);
    const mismatch = new IdempotencyMismatch('s', 'x');
    expect(fromClientError(mismatch, 's', 'any')).toBe(mismatch);
  });
});

describe('metadata: the chain hash travels after the record’s own members', () => {
  const hash = Buffer.alloc(32, 0xab);

  it('the canonical text is what cr_append stores: the caller’s members, a caller’s recordedAt dropped, the store’s last', () => {
    const forged = { ...metadata, recordedAt: '1999-01-01T00:00:00.000Z' } as unknown as typeof metadata;
    expect(canonicalMetadata(forged, '2026-01-02T03:04:05.678Z')).toBe(
      '{"actor":{"id":"lfp-moj","role":"lfp","institution":"Ministry of Justice"},"correlationId":"c-1","causationId":null,' +
        '"occurredAt":"2021-03-04T10:00:00.000Z","schemaVersion":2,"recordedAt":"2026-01-02T03:04:05.678Z"}',
    );
    expect(canonicalMetadata({} as typeof metadata, '2026-01-02T03:04:05.678Z')).toBe('{"recordedAt":"2026-01-02T03:04:05.678Z"}');
  });

  it('encodes as the canonical text with one member added, and decodes to exactly that text and hash', () => {
    const canonical = canonicalMetadata(metadata, '2026-01-02T03:04:05.678Z');
    const bytes = encodeMetadata(canonical, hash);
    const text = Buffer.from(bytes).toString('utf8');
    expect(text).toBe(`${canonical.slice(0, -1)},"${CHAIN_KEY}":"${'ab'.repeat(32)}"}`);
    for (const raw of [JSON.parse(text), bytes]) {
      const decoded = decodeMetadata(raw);
      expect(decoded.canonical).toBe(canonical);
      expect(decoded.chainHash?.equals(hash)).toBe(true);
      expect(decoded.metadata).toEqual(JSON.parse(canonical));
    }
    expect(Buffer.from(encodeMetadata('{}', hash)).toString()).toBe(`{"${CHAIN_KEY}":"${'ab'.repeat(32)}"}`);
  });

  it('an event written behind the adapter’s back has no chain hash', () => {
    expect(decodeMetadata({ actor: 'x' }).chainHash).toBeNull();
    expect(decodeMetadata({ [CHAIN_KEY]: 'not-hex' }).chainHash).toBeNull();
    expect(decodeMetadata(undefined)).toMatchObject({ canonical: '', chainHash: null });
  });

  it('what the client sends: JSON data, and metadata as a plain Uint8Array (a Buffer it would stringify)', () => {
    const event = toEventData(randomUUID(), 'CycleOpened', { country: 'Albania' }, canonicalMetadata(metadata, '2026-01-02T03:04:05.678Z'), hash);
    expect(event.contentType).toBe('application/json');
    expect((event.metadata as Uint8Array).constructor).toBe(Uint8Array);
  });

  it('knows which stored text survives the client’s parse and the adapter’s stringify unchanged', () => {
    expect(isCanonicalJson('{"a":1,"b":[true,null,"ë 🎉 \\"q\\""]}')).toBe(true);
    expect(isCanonicalJson('{"a": 1}')).toBe(false);
    expect(isCanonicalJson('{"a":1.0}')).toBe(false);
    expect(isCanonicalJson('not json')).toBe(false);
  });
});

describe('events read back through the client', () => {
  const id = randomUUID();
  const data = { contributionId: 'k-1', body: 'Publikoni të dhënat e buxhetit — 日本 🎉 "quoted" \\ back', n: 1.5, list: [1, null] };
  const canonical = canonicalMetadata(metadata, '2026-01-02T03:04:05.678Z');
  const fields = { eventId: id, streamId: 'contribution-k-1', revision: 0, type: 'ContributionReceived', schemaVersion: 2, data: JSON.stringify(data), metadata: canonical };
  const hash = chainHash(GENESIS_HASH, fields);
  const wire: Wire = {
    id,
    streamId: fields.streamId,
    revision: 0,
    type: fields.type,
    data: Buffer.from(JSON.stringify(data)),
    metadata: Buffer.from(encodeMetadata(canonical, hash)),
    commit: 5000n,
    prepare: 4990n,
  };

  it('give back the stored bytes byte for byte, and the chain hash they were written with', () => {
    const stored = toStoredEvent(fromServer(wire));
    expect(stored).toEqual({
      ...fields,
      position: 'C:5000/P:4990',
      recordedAt: '2026-01-02T03:04:05.678Z',
      chainHash: hash,
    });
    expect(chainHash(GENESIS_HASH, stored).equals(stored.chainHash)).toBe(true);
  });

  it('give readAll’s form: data and metadata parsed, the store’s member gone', () => {
    const recorded = toRecorded(fromServer(wire));
    expect(recorded).toEqual({
      eventId: id,
      type: 'ContributionReceived',
      streamId: 'contribution-k-1',
      revision: 0,
      position: 'C:5000/P:4990',
      data,
      metadata: { ...metadata, recordedAt: '2026-01-02T03:04:05.678Z' },
      chainHash: hash.toString('hex'),
    });
  });
});

describe('$all without system events', () => {
  it('keeps the record’s events only: not EventStoreDB’s ($-types, $-streams) nor the adapter’s reservations', () => {
    expect(isRecordEvent('ContributionReceived', 'contribution-1')).toBe(true);
    expect(isRecordEvent('$metadata', '$$contribution-1')).toBe(false);
    expect(isRecordEvent('$>', 'contribution-1')).toBe(false);
    expect(isRecordEvent('$statsCollected', '$stats-127.0.0.1:2113')).toBe(false);
    expect(isRecordEvent(RESERVATION_TYPE, reservationStream(randomUUID()))).toBe(false);
    expect(isRecordEvent('Anything', reservationStream(randomUUID()))).toBe(false);
  });

  it('filters subscriptions on the server as narrowly as the port’s filters allow', () => {
    const types = subscriptionFilter({ types: ['A.b', 'C'] });
    expect(types).toMatchObject({ filterOn: 'eventType', regex: '^(?:A\\.b|C)$' });
    const byType = new RegExp((types as { regex: string }).regex);
    expect(['A.b', 'C'].every((t) => byType.test(t))).toBe(true);
    expect(['Axb', 'CC', '$metadata', RESERVATION_TYPE].some((t) => byType.test(t))).toBe(false);

    const categories = subscriptionFilter({ categories: ['contribution', 'cycle'] });
    expect(categories).toMatchObject({ filterOn: 'streamName' });
    const byStream = new RegExp((categories as { regex: string }).regex);
    expect(['contribution-1', 'cycle-2', 'cycle'].every((s) => byStream.test(s))).toBe(true);
    expect(['contributions-1', 'xcycle-1', '$$cycle-1', reservationStream(randomUUID())].some((s) => byStream.test(s))).toBe(false);
    expect(new RegExp(categoryNames(['a.b'])).test('axb-1')).toBe(false);

    // Neither: EventStoreDB's own filter that leaves out every type starting with '$'.
    const all = subscriptionFilter({});
    expect(all).toMatchObject({ filterOn: 'eventType' });
    const everything = new RegExp((all as { regex: string }).regex);
    expect(everything.test('CycleOpened')).toBe(true);
    expect(everything.test(RESERVATION_TYPE)).toBe(false);
    expect(exactNames(['x'])).toBe('^(?:x)$');
  });
});

describe('the log-order chain check (verify on EventStoreDB)', () => {
  function streamOf(streamId: string, n: number, startCommit = 0n): StoredEvent[] {
    let previous = GENESIS_HASH;
    return Array.from({ length: n }, (_, revision) => {
      const f = { eventId: randomUUID(), streamId, revision, type: 'T', schemaVersion: 1, data: `{"n":${revision}}`, metadata: '{"recordedAt":"2026-01-01T00:00:00.000Z"}' };
      previous = chainHash(previous, f);
      return { ...f, position: formatPosition({ commit: startCommit + BigInt(revision), prepare: startCommit + BigInt(revision) }), recordedAt: '2026-01-01T00:00:00.000Z', chainHash: previous };
    });
  }

  it('holds for untouched streams, interleaved in log order', () => {
    const a = streamOf('a-1', 4, 0n);
    const b = streamOf('b-1', 3, 100n);
    const check = new LogOrderChainCheck();
    for (const e of [a[0], b[0], a[1], b[1], b[2], a[2], a[3]]) check.add(e);
    expect(check.finish()).toEqual({ streams: 2, events: 7, findings: [], brokenCount: 0 });
  });

  it('names an altered event, a missing one, and a truncated start', () => {
    const altered = streamOf('a-1', 3);
    altered[1] = { ...altered[1], data: '{"n":99}' };
    const gap = streamOf('b-1', 4, 100n);
    const truncated = streamOf('c-1', 3, 200n);
    const check = new LogOrderChainCheck();
    for (const e of [...altered, gap[0], gap[1], gap[3], truncated[2]]) check.add(e);
    const report = check.finish();
    expect(report.brokenCount).toBe(3);
    expect(report.findings).toEqual([
      expect.objectContaining({ streamId: 'a-1', revision: 1, anchor: altered[1].position, reason: expect.stringContaining('chain hash mismatch') }),
      expect.objectContaining({ streamId: 'b-1', revision: 3, anchor: gap[1].position, reason: expect.stringContaining('revision 2 is missing before this event') }),
      expect.objectContaining({ streamId: 'c-1', revision: 2, reason: expect.stringContaining('revisions 0–1 are missing at the start of the stream') }),
    ]);
  });

  it('copy-log writes one stream’s consecutive events at once, cut to what one append takes', () => {
    const a = streamOf('a-1', 450);
    const b = streamOf('b-1', 2);
    const runs = [...storedRuns([...a.slice(0, 2), b[0], ...a.slice(2), b[1]])];
    expect(runs.map((r) => [r[0].streamId, r.length])).toEqual([
      ['a-1', 2],
      ['b-1', 1],
      ['a-1', 200],
      ['a-1', 200],
      ['a-1', 48],
      ['b-1', 1],
    ]);
  });
});
