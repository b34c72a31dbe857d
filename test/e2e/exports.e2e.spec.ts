import { bearer, INSTITUTIONS, startTestApp, type TestApp } from '../support/app.js';
import { buildOpenRecord, PUBLIC_TEXT, SECRET, tokensFor, type OpenRecord } from '../support/open-record.js';

/**
 * Open data, for anyone: what is published is there, stamped with the log position and the
 * projection versions it reflects; no personal data is anywhere in any export — not a name, an
 * email, an individual's words, nor an individual's stakeholder id. The record is built over HTTP
 * (see test/support/open-record.ts): a CSO and a citizen, contributions published, unpublished,
 * redacted and withdrawn, a survey with free-text answers, a published report.
 */
let t: TestApp;
let tokens: Awaited<ReturnType<typeof tokensFor>>;
let record: OpenRecord;

type Download = { status: number; headers: Record<string, string>; text: string };

async function get(path: string, token?: string): Promise<Download> {
  const req = t.http.get(path);
  if (token) req.set(bearer(token));
  const res = await req.buffer(true).parse((r, done) => {
    let text = '';
    r.setEncoding('utf8');
    r.on('data', (chunk: string) => (text += chunk));
    r.on('end', () => done(null, text));
  });
  return { status: res.status, headers: res.headers as Record<string, string>, text: res.body as string };
}

/** Positions are "<xid>:<global position>", ordered as pairs of integers. */
function comparePositions(a: string, b: string): number {
  const [x, y] = [a.split(':').map(BigInt), b.split(':').map(BigInt)];
  const d = x[0] === y[0] ? x[1] - y[1] : x[0] - y[0];
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

const ndjson = (d: Download) => d.text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));

/** CSV records (RFC 4180, quoted fields may hold commas and line breaks). */
function csv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    }
    else if (c === '\r' && text[i + 1] === '\n') {
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}

/** Waits until the read models the exports come from have seen the record. */
async function caughtUp(position: string): Promise<void> {
  expect((await t.http.get(`/v1/contributions?consistentWith=${position}`).set(bearer(tokens.poc))).status).toBe(200);
  expect((await t.http.get(`/v1/cycles/${record.cycleId}/reasoned-response?consistentWith=${position}`)).status).toBe(200);
}

const EXPORTS = ['/v1/exports/reasoned-response.csv', '/v1/exports/contributions.ndjson', '/v1/exports/events.ndjson'];

beforeAll(async () => {
  t = await startTestApp();
  tokens = await tokensFor(t);
  record = await buildOpenRecord(t, tokens);
  await caughtUp(record.position);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('open-data exports', () => {
  it('answer anyone, without a token, and stream (chunked)', async () => {
    for (const path of EXPORTS) {
      const res = await get(path);
      expect({ path, status: res.status, chunked: res.headers['transfer-encoding'] }).toEqual({ path, status: 200, chunked: 'chunked' });
    }
    expect((await get(EXPORTS[0])).headers['content-type']).toMatch(/^text\/csv/);
    expect((await get(EXPORTS[1])).headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect((await get(EXPORTS[2])).headers['content-type']).toMatch(/^application\/x-ndjson/);
  });

  it('contain no personal data anywhere: no name, email, individual’s words, internal comment, or individual’s id', async () => {
    const forbidden = [...Object.values(SECRET), record.citizen.id];
    for (const path of EXPORTS) {
      for (const token of [undefined, tokens.poc]) {
        // An official's token changes nothing: open data is the same for everyone.
        const { text } = await get(path, token);
        for (const secret of forbidden) expect({ path, leaks: text.includes(secret) ? secret : null }).toEqual({ path, leaks: null });
      }
    }
  });

  it('are stamped with the log position and projection versions they reflect, in headers and a first _meta line', async () => {
    const versions = (await t.http.get('/v1/admin/projections').set(bearer(tokens.auditor))).body.items as Array<{ name: string; version: number }>;
    const version = (name: string) => versions.find((p) => p.name === name)!.version;

    const matrix = await get(EXPORTS[0]);
    // The matrix is the accountability view's rows, named from the directory read model: each is in the stamp.
    expect(matrix.headers['x-projection-versions']).toBe(`accountability=${version('accountability')},cycles=${version('cycles')},directory=${version('directory')}`);
    expect(matrix.headers['x-log-position']).toMatch(/^\d+:\d+$/);

    const contributions = await get(EXPORTS[1]);
    const [meta] = ndjson(contributions);
    expect(contributions.headers['x-projection-versions']).toBe(`accountability=${version('accountability')},directory=${version('directory')}`);
    expect(meta._meta).toEqual({
      export: 'contributions',
      position: contributions.headers['x-log-position'],
      projections: {
        accountability: { version: version('accountability'), position: expect.stringMatching(/^\d+:\d+$/) },
        directory: { version: version('directory'), position: expect.stringMatching(/^\d+:\d+$/) },
      },
      generatedAt: expect.any(String),
    });
    // The stamp's position is what every read model it comes from has seen.
    const seen = Object.values(meta._meta.projections as Record<string, { position: string }>).map((p) => p.position);
    expect(seen.some((p) => p === meta._meta.position) && seen.every((p) => comparePositions(p, meta._meta.position) >= 0)).toBe(true);

    const events = await get(EXPORTS[2]);
    const [eventsMeta, ...lines] = ndjson(events);
    expect(events.headers['x-projection-versions']).toBe('none');
    expect(eventsMeta._meta).toMatchObject({ export: 'events', position: events.headers['x-log-position'], projections: {} });
    expect(lines.every((l) => comparePositions(l.position, eventsMeta._meta.position) <= 0)).toBe(true);
  });
});

describe('GET /v1/exports/reasoned-response.csv', () => {
  it('has the contract’s columns prefixed by cycleId, and one row per published, not withdrawn contribution', async () => {
    const text = (await get(EXPORTS[0])).text;
    // UTF-8 with a byte-order mark (Excel reads "Gjirokastër" right); ?bom=false drops it.
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect((await t.http.get(EXPORTS[0]).query({ bom: 'false' }).buffer(true)).text).toBe(text.slice(1));
    const [header, ...rows] = csv(text.slice(1));
    expect(header).toEqual([
      ...['cycleId', 'contributionId', 'consultationId', 'policyAreaId', 'channel', 'body', 'decision', 'rationale', 'commitmentIds'],
      ...['receivedAt', 'respondedAt', 'respondedByInstitution', 'publishedAt', 'consultationTitle', 'policyAreaName', 'commitmentTitles'],
    ]);
    const byId = new Map(rows.map((r) => [r[1], r]));
    expect([...byId.keys()].sort()).toEqual([record.contributions.cso, record.contributions.citizen, record.contributions.redacted].sort());
    expect(byId.get(record.contributions.cso)).toEqual([
      record.cycleId,
      record.contributions.cso,
      record.meetingId,
      record.areaId,
      'meeting',
      PUBLIC_TEXT.csoBody,
      'partially_accepted',
      PUBLIC_TEXT.rationale,
      record.commitmentId,
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      INSTITUTIONS.justice,
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      'Anti-Corruption thematic meeting, 6 October 2020',
      'Anti-Corruption',
      'Online register of asset declarations',
    ]);
    // The citizen's words are personal data; the redacted remark is withheld: the decisions stay.
    expect(byId.get(record.contributions.citizen)!.slice(5, 7)).toEqual(['', 'partially_accepted']);
    expect(byId.get(record.contributions.redacted)!.slice(5, 7)).toEqual(['', 'partially_accepted']);
  });
});

describe('GET /v1/exports/contributions.ndjson', () => {
  it('lists the published contributions with their outcome as an anonymous reader sees them', async () => {
    const [, ...items] = ndjson(await get(EXPORTS[1]));
    const byId = new Map(items.map((i) => [i.contributionId, i]));
    expect([...byId.keys()].sort()).toEqual([record.contributions.cso, record.contributions.citizen, record.contributions.redacted].sort());
    expect(byId.get(record.contributions.cso)).toMatchObject({
      stakeholderId: record.cso.id,
      body: PUBLIC_TEXT.csoBody,
      decision: 'partially_accepted',
      rationale: PUBLIC_TEXT.rationale,
      commitmentIds: [record.commitmentId],
      addressed: true,
      status: 'published',
      reviewComment: null,
    });
    expect(byId.get(record.contributions.citizen)).toMatchObject({ stakeholderId: null, body: null, decision: 'partially_accepted', status: 'published' });
    expect(byId.get(record.contributions.redacted)).toMatchObject({ body: null, redacted: true, redactionReason: 'names a private person' });
  });
});

describe('GET /v1/exports/events.ndjson', () => {
  let lines: Array<{ position: string; streamId: string; type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }>;
  beforeAll(async () => {
    [, ...lines] = ndjson(await get(EXPORTS[2]));
  });
  const of = (streamId: string) => lines.filter((l) => l.streamId === streamId);

  it('shows cycle, consultation, commitment and published-report events, in log order', async () => {
    expect(of(`cycle-${record.cycleId}`).map((l) => l.type)).toEqual(['CycleOpened', 'PolicyAreaAdded']);
    expect(of(`commitment-${record.commitmentId}`).map((l) => l.type)).toEqual(['CommitmentDrafted']);
    expect(of(`consultation-${record.meetingId}`).map((l) => l.type)).toEqual(['ConsultationAnnounced', 'StakeholdersInvited', 'AttendanceRecorded']);
    expect(of(`report-${record.reportId}`).map((l) => l.type)).toEqual(['ReportDrafted', 'ReportSubmitted', 'ReportAccepted', 'ReportPublished']);
    for (let i = 1; i < lines.length; i++) expect(comparePositions(lines[i - 1].position, lines[i].position)).toBe(-1);
  });

  it('shows contribution events only of published, not withdrawn contributions, with personal and redacted text nulled', async () => {
    const shown = new Set(lines.filter((l) => l.streamId.startsWith('contribution-')).map((l) => l.streamId));
    expect([...shown].sort()).toEqual([record.contributions.cso, record.contributions.citizen, record.contributions.redacted].map((id) => `contribution-${id}`).sort());
    const received = (id: string) => of(`contribution-${id}`).find((l) => l.type === 'ContributionReceived')!.data;
    expect(received(record.contributions.cso)).toMatchObject({ body: PUBLIC_TEXT.csoBody, stakeholderId: record.cso.id });
    expect(received(record.contributions.citizen)).toMatchObject({ body: null, stakeholderId: null, personalDataSubject: null });
    expect(received(record.contributions.redacted)).toMatchObject({ body: null });
    expect(of(`contribution-${record.contributions.redacted}`).map((l) => l.type)).toContain('ContributionRedacted');
    expect(of(`contribution-${record.contributions.cso}`).find((l) => l.type === 'ResponseReviewed')!.data).toMatchObject({ verdict: 'endorsed', comment: null });
  });

  it('shows organisations’ registrations without email, no individual’s, and individuals’ ids as null', async () => {
    const registrations = lines.filter((l) => l.type === 'StakeholderRegistered');
    expect(registrations.map((l) => l.data)).toEqual([expect.objectContaining({ stakeholderId: record.cso.id, kind: 'cso', name: PUBLIC_TEXT.csoName, email: null })]);
    expect(lines.some((l) => l.type === 'PersonalDataErased')).toBe(false);
    const attendance = of(`consultation-${record.meetingId}`).find((l) => l.type === 'AttendanceRecorded')!.data;
    expect(attendance).toMatchObject({ stakeholderIds: [record.cso.id, null], anonymousCount: 3 });
    const responses = of(`consultation-${record.surveyId}`).filter((l) => l.type === 'SurveyResponseSubmitted').map((l) => l.data);
    expect(responses).toEqual([
      expect.objectContaining({ stakeholderId: null, personalDataSubject: null, answers: [expect.objectContaining({ questionId: 'q1', value: null }), expect.objectContaining({ questionId: 'q2', value: 'yes' })] }),
      expect.objectContaining({ stakeholderId: record.cso.id, answers: [expect.objectContaining({ questionId: 'q1', value: null }), expect.objectContaining({ questionId: 'q2', value: 'yes' })] }),
    ]);
  });

  it('keeps of the metadata only the actor’s role and institution, ids of correlation and causation, and dates', async () => {
    for (const line of lines) {
      expect(Object.keys(line.metadata).sort()).toEqual(['actor', 'causationId', 'correlationId', 'occurredAt', 'recordedAt', 'schemaVersion']);
      expect(Object.keys(line.metadata.actor as object).sort()).toEqual(['institution', 'role']);
    }
  });
});

describe('two exports compare by their stamp', () => {
  it('a later export reflects a later position and what was published since', async () => {
    const before = await get(EXPORTS[1]);
    const res = await t.http.post(`/v1/contributions/${record.contributions.unpublished}/publication`).set(bearer(tokens.poc)).send({});
    expect(res.status).toBe(200);
    await caughtUp(res.body.position);

    const after = await get(EXPORTS[1]);
    expect(comparePositions(after.headers['x-log-position'], before.headers['x-log-position'])).toBe(1);
    expect(comparePositions(after.headers['x-log-position'], res.body.position)).toBeGreaterThanOrEqual(0);
    expect(before.text).not.toContain(record.contributions.unpublished);
    expect(ndjson(after).map((i) => i.contributionId)).toContain(record.contributions.unpublished);
    for (const path of [EXPORTS[0], EXPORTS[2]]) expect((await get(path)).text).toContain(SECRET.unpublishedBody);
  });
});
