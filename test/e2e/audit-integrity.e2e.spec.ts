import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { canonicalEventBytes, chainHash, GENESIS_HASH, type CanonicalEventFields } from '../../src/event-store/hashing.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { appendBulk, buildOpenRecord, settled, superuser, tamper, tokensFor, type OpenRecord } from '../support/open-record.js';

/**
 * An auditor's view of the log's integrity: the digest is the documented hash, a stored event
 * altered or deleted as a database superuser is found and named, a digest taken before no longer
 * verifies, and verifying appends nothing. The record: an Anti-Corruption consultation built over
 * HTTP, plus 3,000 evidence-file events appended through the EventStore port (so that the log
 * spans several 1,024-event checkpoint blocks).
 */
let t: TestApp;
let tokens: Awaited<ReturnType<typeof tokensFor>>;
let record: OpenRecord;
let admin: pg.Client;
let store: EventStore;

interface Row extends CanonicalEventFields {
  position: string;
  chainHash: Buffer;
  xid: string;
  gp: string;
  recordedAt: Date;
}

/** The log as stored, in log order, read straight from the table. */
async function storedLog(): Promise<Row[]> {
  const { rows } = await admin.query(
    `SELECT event_id::text AS id, stream_id, revision::int AS revision, type, schema_version, data::text AS data, metadata::text AS metadata,
            chain_hash, transaction_id::text AS xid, global_position::text AS gp, recorded_at
       FROM events ORDER BY transaction_id, global_position`,
  );
  return rows.map((r) => ({
    eventId: r.id,
    streamId: r.stream_id,
    revision: r.revision,
    type: r.type,
    schemaVersion: r.schema_version,
    data: r.data,
    metadata: r.metadata,
    chainHash: r.chain_hash,
    position: `${r.xid}:${r.gp}`,
    xid: r.xid,
    gp: r.gp,
    recordedAt: r.recorded_at,
  }));
}

const REHASH = 'UPDATE events e SET chain_hash = u.h FROM unnest($1::uuid[], $2::bytea[]) AS u(id, h) WHERE e.event_id = u.id';

const eventCount = async () => Number((await admin.query('SELECT count(*) AS n FROM events')).rows[0].n);
const streamHeads = async () => (await admin.query('SELECT stream_id, revision, last_hash FROM streams ORDER BY stream_id')).rows;

/** The digest of the whole log, once every stored event is visible (see settled). */
async function digest(token = tokens.auditor): Promise<{ position: string; eventCount: number; sha256: string }> {
  await settled(t);
  const res = await t.http.get('/v1/audit/digest').set(bearer(token));
  expect(res.status).toBe(200);
  return res.body;
}

/** Sends only what an auditor keeps of a digest: its position and its sha256. */
async function verify({ position, sha256 }: { position: string; sha256: string }, token = tokens.auditor) {
  const res = await t.http.post('/v1/audit/verify').set(bearer(token)).send({ position, sha256 });
  expect(res.status).toBe(200);
  return res.body;
}

async function download(query = '', token = tokens.auditor) {
  await settled(t);
  const res = await t.http.get(`/v1/audit/events${query}`).set(bearer(token)).buffer(true).parse((r, done) => {
    let text = '';
    r.setEncoding('utf8');
    r.on('data', (chunk: string) => (text += chunk));
    r.on('end', () => done(null, text));
  });
  return { res, lines: res.status === 200 ? (res.body as string).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l)) : [] };
}

beforeAll(async () => {
  t = await startTestApp({ projections: false });
  tokens = await tokensFor(t);
  record = await buildOpenRecord(t, tokens);
  await appendBulk(t, record.cycleId, 30, 100);
  admin = await superuser(t);
  store = t.app.get<EventStore>(EVENT_STORE);
}, 120_000);

afterAll(async () => {
  await admin?.end();
  await t?.close();
});

describe('GET /v1/audit/digest', () => {
  it('is h_n of h_i = sha256(h_(i-1) ‖ canonical bytes of event i) from 32 zero bytes, over the stored log in log order', async () => {
    const log = await storedLog();
    expect(log.length).toBeGreaterThan(3000);
    let h = Buffer.alloc(32);
    for (const e of log) h = createHash('sha256').update(h).update(canonicalEventBytes(e)).digest();

    const d = await digest();
    expect(d).toMatchObject({ position: log[log.length - 1].position, eventCount: log.length, sha256: h.toString('hex'), checkpointInterval: 1024 });
    expect(await store.head()).toBe(d.position);
  });

  it('is recorded with a checkpoint of the running hash every 1,024 events; issuing it again records the issuance, not the checkpoints twice', async () => {
    const d = await digest(tokens.poc);
    await digest();
    const issued = await admin.query('SELECT event_count, issued_by FROM audit_digests WHERE position = $1 AND sha256 = $2 ORDER BY id', [d.position, d.sha256]);
    expect(issued.rows.length).toBeGreaterThanOrEqual(2);
    expect(issued.rows[0]).toMatchObject({ event_count: String(d.eventCount) });
    expect(issued.rows.map((r) => r.issued_by.role)).toEqual(expect.arrayContaining(['poc', 'auditor']));

    const log = await storedLog();
    const checkpoints = await admin.query(
      'SELECT event_count::int AS n, position, running_hash FROM audit_digest_checkpoints WHERE digest_position = $1 AND digest_sha256 = $2 ORDER BY event_count',
      [d.position, d.sha256],
    );
    expect(checkpoints.rows.map((r) => r.n)).toEqual([1024, 2048, 3072].filter((n) => n <= d.eventCount));
    let h = GENESIS_HASH;
    log.slice(0, 2048).forEach((e) => (h = chainHash(h, e)));
    expect(checkpoints.rows[1]).toMatchObject({ position: log[2047].position });
    expect((checkpoints.rows[1].running_hash as Buffer).equals(h)).toBe(true);
  });

  it('can be recomputed by an auditor from the NDJSON download alone, like every event’s chain hash', async () => {
    const d = await digest();
    const { lines } = await download();
    let h = GENESIS_HASH;
    const heads = new Map<string, Buffer>();
    for (const line of lines) {
      const fields = { ...line, data: JSON.stringify(line.data), metadata: JSON.stringify(line.metadata) };
      h = chainHash(h, fields);
      const own = chainHash(heads.get(line.streamId) ?? GENESIS_HASH, fields);
      expect(own.toString('hex')).toBe(line.chainHash);
      heads.set(line.streamId, own);
    }
    expect(lines.length).toBe(d.eventCount);
    expect(h.toString('hex')).toBe(d.sha256);
  });
});

describe('POST /v1/audit/verify', () => {
  it('confirms an untouched log, names how many events it checked, and appends nothing', async () => {
    const d = await digest();
    const before = { events: await eventCount(), heads: await streamHeads() };
    const result = await verify({ position: d.position, sha256: d.sha256 });
    expect(result).toMatchObject({
      valid: true,
      checkedEvents: d.eventCount,
      firstMismatch: null,
      brokenStreams: [],
      chainsIntact: true,
      actualSha256: d.sha256,
      recordedDigest: { eventCount: d.eventCount, checkpoints: Math.floor(d.eventCount / 1024) },
    });
    expect(await verify({ position: d.position, sha256: d.sha256.toUpperCase() }, tokens.poc)).toMatchObject({ valid: true });
    expect({ events: await eventCount(), heads: await streamHeads() }).toEqual(before);
  });

  it('keeps verifying an older digest after the log has grown: it covers only the events up to its position', async () => {
    const old = await digest();
    const res = await t.http.post('/v1/stakeholders').set(bearer(tokens.poc)).send({ kind: 'academia', name: 'University of Tirana, Faculty of Law' });
    expect(res.status).toBe(201);
    const now = await digest();
    expect(now.eventCount).toBe(old.eventCount + 1);
    expect(now.sha256).not.toBe(old.sha256);
    expect(await verify(old)).toMatchObject({ valid: true, checkedEvents: old.eventCount });
    expect(await verify({ position: old.position, sha256: now.sha256 })).toMatchObject({ valid: false, chainsIntact: true });
  });

  it('finds an event whose data was altered in place (a decision rewritten) and rejects every digest taken before', async () => {
    const before = await digest();
    const log = await storedLog();
    const target = log.find((e) => e.streamId === `contribution-${record.contributions.cso}` && e.type === 'ContributionResponded')!;
    await tamper(admin, `UPDATE events SET data = replace(data::text, '"partially_accepted"', '"not_accepted"')::json WHERE event_id = $1`, [target.eventId]);
    try {
      const result = await verify(before);
      expect(result).toMatchObject({
        valid: false,
        checkedEvents: before.eventCount,
        chainsIntact: false,
        firstMismatch: {
          eventId: target.eventId,
          streamId: target.streamId,
          revision: target.revision,
          position: target.position,
          locatedBy: 'hash_chain',
          reason: expect.stringContaining('altered'),
        },
      });
      expect(result.brokenStreams).toEqual([
        { eventId: target.eventId, streamId: target.streamId, revision: target.revision, position: target.position, reason: expect.stringContaining('chain hash mismatch') },
      ]);
      expect(result.actualSha256).not.toBe(before.sha256);
      // A digest taken now differs from the one published before.
      expect((await digest()).sha256).not.toBe(before.sha256);
    } finally {
      await tamper(admin, 'UPDATE events SET data = $2::json WHERE event_id = $1', [target.eventId, target.data]);
    }
    // Byte for byte back as it was: the published digest holds again.
    expect(await verify(before)).toMatchObject({ valid: true, chainsIntact: true });
  });

  it('reports a deleted event as a revision gap, and a deleted last event against the stream head', async () => {
    const before = await digest();
    const log = await storedLog();
    const bulk = log.filter((e) => e.type === 'MaterialPublished');
    const middle = bulk.find((e) => e.revision === 50)!;
    const next = log.find((e) => e.streamId === middle.streamId && e.revision === 51)!;
    const otherStream = bulk.find((e) => e.streamId !== middle.streamId)!.streamId;
    const tail = log.filter((e) => e.streamId === otherStream).at(-1)!;
    const beforeTail = log.find((e) => e.streamId === otherStream && e.revision === tail.revision - 1)!;
    await tamper(admin, 'DELETE FROM events WHERE event_id = ANY ($1::uuid[])', [[middle.eventId, tail.eventId]]);
    try {
      const result = await verify(before);
      expect(result).toMatchObject({ valid: false, checkedEvents: before.eventCount - 2, chainsIntact: false });
      const gap = { streamId: middle.streamId, eventId: next.eventId, revision: 51, position: next.position, reason: expect.stringContaining('revision 50 is missing') };
      const end = { streamId: otherStream, eventId: beforeTail.eventId, revision: tail.revision - 1, position: beforeTail.position, reason: expect.stringContaining(`revision ${tail.revision} is missing`) };
      expect(result.brokenStreams).toEqual(expect.arrayContaining([gap, end]));
      expect(result.brokenStreams).toHaveLength(2);
      // The first in log order: the stream whose damage starts earlier.
      const first = [{ ...gap, at: middle }, { ...end, at: beforeTail }].sort((a, b) => store.comparePositions(a.at.position, b.at.position))[0];
      expect(result.firstMismatch).toMatchObject({ streamId: first.streamId, locatedBy: 'hash_chain' });
    } finally {
      for (const e of [middle, tail]) {
        await tamper(
          admin,
          `INSERT INTO events (global_position, transaction_id, event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, chain_hash)
           OVERRIDING SYSTEM VALUE VALUES ($1, $2::xid8, $3, $4, $5, $6, $7, $8::json, $9::json, $10, $11)`,
          [e.gp, e.xid, e.eventId, e.streamId, e.revision, e.type, e.schemaVersion, e.data, e.metadata, e.recordedAt, e.chainHash],
        );
      }
    }
    expect(await verify(before)).toMatchObject({ valid: true, brokenStreams: [] });
  });

  it('when the attacker recomputed every chain hash, names the first event of the 1,024-event block that changed', async () => {
    const before = await digest();
    const log = await storedLog();
    // An evidence file in the second checkpoint block (events #1025–#2048).
    const index = log.findIndex((e, i) => i >= 1500 && e.type === 'MaterialPublished');
    const target = log[index];
    const stream = log.filter((e) => e.streamId === target.streamId);
    const altered = stream.map((e) => (e.eventId === target.eventId ? { ...e, data: e.data.replace('evidence', 'falsified') } : e));
    let previous = GENESIS_HASH;
    const rechained = altered.map((e) => (previous = chainHash(previous, e)));
    await tamper(admin, 'UPDATE events SET data = $2::json WHERE event_id = $1', [target.eventId, altered[target.revision].data]);
    await tamper(admin, REHASH, [stream.map((e) => e.eventId), rechained]);
    await admin.query('UPDATE streams SET last_hash = $2 WHERE stream_id = $1', [target.streamId, rechained.at(-1)]);
    try {
      const result = await verify(before);
      const blockStart = Math.floor(index / 1024) * 1024;
      expect(blockStart).toBe(1024);
      expect(result).toMatchObject({
        valid: false,
        chainsIntact: true,
        brokenStreams: [],
        firstMismatch: {
          eventId: log[blockStart].eventId,
          position: log[blockStart].position,
          locatedBy: 'checkpoints',
          reason: expect.stringMatching(/#1025–#2048.*first event of that block/),
        },
      });
    } finally {
      await tamper(admin, 'UPDATE events SET data = $2::json WHERE event_id = $1', [target.eventId, target.data]);
      await tamper(admin, REHASH, [stream.map((e) => e.eventId), stream.map((e) => e.chainHash)]);
      await admin.query('UPDATE streams SET last_hash = $2 WHERE stream_id = $1', [target.streamId, stream.at(-1)!.chainHash]);
    }
    expect(await verify(before)).toMatchObject({ valid: true });
  });

  it('says so when a digest was never issued by this database and every chain holds', async () => {
    const d = await digest();
    const result = await verify({ position: d.position, sha256: 'ab'.repeat(32) });
    expect(result).toMatchObject({ valid: false, chainsIntact: true, recordedDigest: null, firstMismatch: { eventId: null, locatedBy: 'none' } });
  });

  it('rejects malformed input with 400 naming each field, appending nothing', async () => {
    const before = await eventCount();
    const send = (body: object) => t.http.post('/v1/audit/verify').set(bearer(tokens.auditor)).send(body);
    const fields = (res: { body: { errors: { field: string }[] } }) => res.body.errors.map((e) => e.field);

    let res = await send({ position: '1:1', sha256: 'not-a-digest' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(fields(res)).toEqual(['sha256']);
    res = await send({ position: 'yesterday', sha256: 'a'.repeat(64) });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(['position']);
    res = await send({ sha256: 'a'.repeat(63) });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(expect.arrayContaining(['position', 'sha256']));
    res = await send({ position: '1:1', sha256: 'a'.repeat(64), force: true });
    expect(res.status).toBe(400);
    expect(await eventCount()).toBe(before);
  });
});

describe('GET /v1/audit/events', () => {
  it('streams every stored event exactly once, in log order, as NDJSON up to the head named in X-Log-Position', async () => {
    const log = await storedLog();
    const { res, lines } = await download();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['x-log-position']).toBe(log[log.length - 1].position);
    expect(lines.map((l) => l.eventId)).toEqual(log.map((e) => e.eventId));
    expect(new Set(lines.map((l) => l.eventId)).size).toBe(log.length);
    const sample = lines.find((l) => l.streamId === `contribution-${record.contributions.cso}` && l.type === 'ContributionReceived');
    expect(Object.keys(sample)).toEqual(['position', 'eventId', 'streamId', 'revision', 'type', 'schemaVersion', 'data', 'metadata', 'recordedAt', 'chainHash']);
    expect(sample).toMatchObject({ revision: 0, schemaVersion: 1, chainHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(sample.data.body).toMatch(/asset declarations/);
  });

  it('filters by type and stream (repeated or comma-separated) and pages with after and limit', async () => {
    const log = await storedLog();
    const types = ['ContributionReceived', 'ResponsePublished'];
    const byType = log.filter((e) => types.includes(e.type)).map((e) => e.eventId);
    expect((await download(`?type=${types.join(',')}`)).lines.map((l) => l.eventId)).toEqual(byType);
    expect((await download(`?type=${types[0]}&type=${types[1]}`)).lines.map((l) => l.eventId)).toEqual(byType);

    const streams = [`contribution-${record.contributions.cso}`, `consultation-${record.meetingId}`];
    const byStream = (await download(`?stream=${streams.join(',')}`)).lines;
    expect(byStream.map((l) => l.eventId)).toEqual(log.filter((e) => streams.includes(e.streamId)).map((e) => e.eventId));
    expect(byStream.filter((l) => l.streamId === streams[0]).map((l) => l.revision)).toEqual([0, 1, 2, 3]);

    expect((await download(`?after=${log[99].position}&limit=7`)).lines.map((l) => l.eventId)).toEqual(log.slice(100, 107).map((e) => e.eventId));
    // Paging through the whole log with after and limit gives the whole log once.
    const paged: string[] = [];
    let after = '';
    for (;;) {
      const { lines } = await download(`?limit=1000${after ? `&after=${after}` : ''}`);
      paged.push(...lines.map((l) => l.eventId));
      if (lines.length < 1000) break;
      after = lines[lines.length - 1].position;
    }
    expect(paged).toEqual(log.map((e) => e.eventId));
  });

  it('rejects invalid parameters with 400 naming the field', async () => {
    for (const [query, field] of [
      ['?after=last-tuesday', 'after'],
      ['?limit=0', 'limit'],
      ['?limit=many', 'limit'],
      ['?type=', 'type'],
      [`?stream=${'x'.repeat(301)}`, 'stream'],
    ] as const) {
      const res = await t.http.get(`/v1/audit/events${query}`).set(bearer(tokens.auditor));
      const fields = new Set(res.body.errors?.map((e: { field: string }) => e.field));
      expect({ query, status: res.status, fields: [...fields] }).toEqual({ query, status: 400, fields: [field] });
    }
  });

  it('survives clients that hang up mid-download: the service keeps answering', async () => {
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    for (let i = 0; i < 25; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/v1/audit/events', headers: bearer(tokens.auditor) }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(error)));
        req.end();
      });
    }
    expect((await digest()).eventCount).toBe(await eventCount());
  });
});

describe('who may call the audit endpoints', () => {
  it('poc and auditor may; stakeholders and LFPs get 403; anonymous callers 401', async () => {
    const d = await digest();
    const calls = [
      (token?: string) => (token ? t.http.get('/v1/audit/digest').set(bearer(token)) : t.http.get('/v1/audit/digest')),
      (token?: string) => (token ? t.http.post('/v1/audit/verify').set(bearer(token)) : t.http.post('/v1/audit/verify')).send({ position: d.position, sha256: d.sha256 }),
      (token?: string) => (token ? t.http.get('/v1/audit/events?limit=1').set(bearer(token)) : t.http.get('/v1/audit/events?limit=1')),
    ];
    for (const call of calls) {
      expect((await call()).status).toBe(401);
      expect((await call(record.cso.token)).status).toBe(403);
      expect((await call(tokens.lfp)).status).toBe(403);
      expect((await call(tokens.poc)).status).toBe(200);
      expect((await call(tokens.auditor)).status).toBe(200);
    }
  });
});
