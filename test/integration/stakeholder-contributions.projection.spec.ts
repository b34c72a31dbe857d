import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { stakeholderContributionsProjection } from '../../projections/stakeholder-contributions/stakeholder-contributions.projection.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { PersonalDataVault } from '../../src/security/personal-data.vault.js';
import { NAP_APP_OPTIONS, RATIONALES, recordAlbaniaNap, TEXTS, type NapRecord } from '../support/albania-nap-record.js';
import { bearer, INSTITUTIONS, startTestApp, type TestApp } from '../support/app.js';
import { eventAppender, projectInBatches, TEST_ACTORS } from '../support/projection-harness.js';

let t: TestApp;
let nap: NapRecord;
let last: string;
let tokens: Record<'poc' | 'lfp' | 'auditor' | 'idm' | 'citizensChannel' | 'individual', string>;

beforeAll(async () => {
  t = await startTestApp(NAP_APP_OPTIONS);
  nap = await recordAlbaniaNap(t);
  last = nap.last;
  tokens = {
    poc: await t.token({ sub: 'poc-1', role: 'poc', institution: INSTITUTIONS.poc }),
    lfp: await t.token({ sub: 'moj-1', role: 'lfp', institution: INSTITUTIONS.justice }),
    auditor: await t.token({ sub: 'irm-1', role: 'auditor', institution: 'OGP Independent Reporting Mechanism' }),
    idm: await t.token({ sub: nap.stakeholders.idm, role: 'stakeholder' }),
    citizensChannel: await t.token({ sub: nap.stakeholders.citizensChannel, role: 'stakeholder' }),
    individual: await t.token({ sub: nap.stakeholders.individual, role: 'stakeholder' }),
  };
});

afterAll(async () => {
  await t.close();
});

const view = (stakeholderId: string, token?: string, query: Record<string, unknown> = {}) => {
  const req = t.http.get(`/v1/stakeholders/${stakeholderId}/contributions`).query({ consistentWith: last, ...query });
  return token ? req.set(bearer(token)) : req;
};
const ids = (items: { contributionId: string }[]) => items.map((i) => i.contributionId);

describe('stakeholder-contributions projection (live runner, real PostgreSQL)', () => {
  it('tells a CSO what became of each of its contributions ("you said, we did"), with its invitations and attendance', async () => {
    const res = await view(nap.stakeholders.idm, tokens.idm);
    expect(res.status).toBe(200);
    const { c, consultations: k, commitments: m } = nap;
    expect(res.body.stakeholder).toEqual({ stakeholderId: nap.stakeholders.idm, kind: 'cso', name: 'Institute for Democracy and Mediation', nameErased: false });
    expect(ids(res.body.items)).toEqual([c.c4, c.c1, c.c10, c.c7]);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items[0]).toEqual({
      contributionId: c.c4,
      cycleId: nap.cycleId,
      consultationId: k.survey,
      consultationTitle: 'Pre-consultation survey: Anti-Corruption',
      consultationKind: 'survey',
      policyAreaId: nap.areas.antiCorruption,
      policyAreaName: 'Anti-Corruption',
      channel: 'survey',
      body: TEXTS.c4,
      bodyErased: false,
      commitmentId: null,
      receivedAt: '2020-07-28T10:00:00.000Z',
      late: false,
      // Its second response replaced the first, and was published again.
      status: 'published',
      addressed: true,
      decision: 'partially_accepted',
      rationale: RATIONALES.c4,
      commitmentIds: [m.whistleblowers],
      commitmentTitles: ['Whistleblower protection portal'],
      publishedAt: '2020-10-03T15:00:00.000Z',
      duplicateOf: null,
      withdrawn: false,
      withdrawnAt: null,
      withdrawalReason: null,
      redacted: false,
      redactionReason: null,
    });
    expect(res.body.items[1]).toMatchObject({ status: 'published', decision: 'accepted', commitmentIds: [m.assets, m.whistleblowers].sort(), consultationKind: 'thematic_meeting' });
    // Answered, not yet reviewed: its author sees the decision before the public does.
    expect(res.body.items[2]).toMatchObject({ status: 'responded', addressed: true, decision: 'accepted', publishedAt: null });
    expect(res.body.invitations).toEqual([
      {
        consultationId: k.meeting,
        cycleId: nap.cycleId,
        policyAreaId: nap.areas.antiCorruption,
        title: 'Thematic meeting: asset declarations',
        kind: 'thematic_meeting',
        invitedAt: '2020-09-02T09:00:00.000Z',
        attended: true,
      },
    ]);
    expect(res.body.attendance).toEqual([
      { consultationId: k.meeting, cycleId: nap.cycleId, policyAreaId: nap.areas.antiCorruption, title: 'Thematic meeting: asset declarations', kind: 'thematic_meeting', recordedAt: '2020-09-15T12:00:00.000Z' },
    ]);
  });

  it("shows a duplicate with its canonical's current answer, a response sent back for revision as unaddressed, and a withdrawal", async () => {
    const res = await view(nap.stakeholders.citizensChannel, tokens.poc);
    const { c } = nap;
    expect(ids(res.body.items)).toEqual([c.c3, c.c8, c.c2, c.c5]);
    const [duplicate, sentBack, , withdrawn] = res.body.items;
    expect(duplicate).toMatchObject({
      status: 'duplicate',
      duplicateOf: c.c4,
      addressed: true,
      decision: 'partially_accepted',
      rationale: RATIONALES.c4,
      commitmentIds: [nap.commitments.whistleblowers],
      publishedAt: '2020-10-03T15:00:00.000Z',
    });
    expect(sentBack).toMatchObject({ status: 'revision_requested', addressed: false, decision: 'out_of_scope' });
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawn: true, withdrawnAt: '2020-10-07T09:00:00.000Z', withdrawalReason: 'Merged into our joint submission', decision: 'noted' });
    expect(res.body.invitations).toEqual([expect.objectContaining({ consultationId: nap.consultations.meeting, attended: false })]);
    expect(res.body.attendance).toEqual([]);
  });

  it('pages contributions with a cursor and filters by cycle', async () => {
    const first = await view(nap.stakeholders.citizensChannel, tokens.citizensChannel, { limit: 3 });
    expect(first.body.items).toHaveLength(3);
    const second = await view(nap.stakeholders.citizensChannel, tokens.citizensChannel, { limit: 3, cursor: first.body.nextCursor });
    expect([...ids(first.body.items), ...ids(second.body.items)]).toEqual([nap.c.c3, nap.c.c8, nap.c.c2, nap.c.c5]);
    expect(second.body.nextCursor).toBeNull();
    expect(second.body.invitations).toHaveLength(1);
    const otherCycle = await view(nap.stakeholders.citizensChannel, tokens.citizensChannel, { cycleId: randomUUID() });
    expect(otherCycle.body).toMatchObject({ items: [], nextCursor: null, invitations: [], attendance: [] });
    expect((await view(nap.stakeholders.citizensChannel, tokens.citizensChannel, { cycleId: nap.cycleId })).body.items).toHaveLength(4);
  });

  it("shows an individual its own comment and name, decrypted, as it shows them to officials; the database holds them encrypted", async () => {
    for (const token of [tokens.individual, tokens.poc]) {
      const res = await view(nap.stakeholders.individual, token);
      expect(res.status).toBe(200);
      expect(res.body.stakeholder).toEqual({ stakeholderId: nap.stakeholders.individual, kind: 'individual', name: 'Arta Hoxha', nameErased: false });
      expect(res.body.items).toEqual([expect.objectContaining({ contributionId: nap.c.c6, body: TEXTS.c6, bodyErased: false, decision: 'out_of_scope', policyAreaId: null })]);
    }
    const stored = await t.app.get(DataSource).query('SELECT body::text AS body FROM accountability WHERE contribution_id = $1', [nap.c.c6]);
    expect(stored[0].body).not.toContain('customs officer');
    expect(stored[0].body).toContain('"$enc"');
  });

  it('lets poc, lfp and auditor read any stakeholder and a stakeholder only itself: 401 anonymous, 403 another stakeholder, 404 unknown', async () => {
    for (const token of [tokens.poc, tokens.lfp, tokens.auditor, tokens.idm]) expect((await view(nap.stakeholders.idm, token)).status).toBe(200);
    const anonymous = await view(nap.stakeholders.idm);
    expect(anonymous.status).toBe(401);
    const other = await view(nap.stakeholders.idm, tokens.citizensChannel);
    expect(other.status).toBe(403);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(other.body.code).toBe('AUTH.OUT_OF_SCOPE');
    expect(JSON.stringify(other.body)).not.toContain(TEXTS.c1);
    // Forbidden whether or not the id exists: a stakeholder cannot probe who is registered.
    expect((await view(randomUUID(), tokens.citizensChannel)).status).toBe(403);
    for (const id of [randomUUID(), 'idm']) {
      const unknown = await view(id, tokens.poc);
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('STAKEHOLDER.NOT_FOUND');
    }
    const bad = await view(nap.stakeholders.idm, tokens.poc, { limit: 0, cycleId: 'nap-2020', status: 'published' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['limit', 'cycleId', 'status']));
  });

  it('hides a redacted text from its author but not from officials, and keeps decisions readable after erasure', async () => {
    const append = eventAppender(t.app.get<EventStore>(EVENT_STORE));
    const scope = { cycleId: nap.cycleId, policyAreaId: nap.areas.antiCorruption };
    last = (await append(`contribution-${nap.c.c2}`, 'ContributionRedacted', { contributionId: nap.c.c2, ...scope, reason: 'Contains a phone number' }, { actor: TEST_ACTORS.poc })).position;
    const own = (await view(nap.stakeholders.citizensChannel, tokens.citizensChannel)).body.items.find((i: { contributionId: string }) => i.contributionId === nap.c.c2);
    expect(own).toMatchObject({ body: null, redacted: true, redactionReason: 'Contains a phone number', decision: 'partially_accepted' });
    const official = (await view(nap.stakeholders.citizensChannel, tokens.poc)).body.items.find((i: { contributionId: string }) => i.contributionId === nap.c.c2);
    expect(official.body).toBe(TEXTS.c2);

    await t.app.get(PersonalDataVault).erase(nap.stakeholders.individual);
    last = (
      await append(`stakeholder-${nap.stakeholders.individual}`, 'PersonalDataErased', { stakeholderId: nap.stakeholders.individual, subject: nap.stakeholders.individual, reason: 'Request under the data protection law' }, { actor: TEST_ACTORS.poc })
    ).position;
    const erased = (await view(nap.stakeholders.individual, tokens.poc)).body;
    expect(erased.stakeholder).toMatchObject({ name: null, nameErased: true });
    expect(erased.items).toEqual([expect.objectContaining({ body: null, bodyErased: true, decision: 'out_of_scope', rationale: RATIONALES.c6 })]);
  });

  it('gives identical tables in batches of 1, 7 and 500, equal to what the live runner built', async () => {
    const dataSource = t.app.get(DataSource);
    const store = t.app.get<EventStore>(EVENT_STORE);
    const one = await projectInBatches(dataSource, store, stakeholderContributionsProjection, 1);
    const seven = await projectInBatches(dataSource, store, stakeholderContributionsProjection, 7);
    const many = await projectInBatches(dataSource, store, stakeholderContributionsProjection, 500);
    expect(Object.fromEntries(Object.entries(one).map(([table, rows]) => [table, rows.length]))).toEqual({
      stakeholder_contributions_stakeholder: 3,
      stakeholder_contributions_consultation: 3,
      stakeholder_contributions_invitation: 3,
      stakeholder_contributions_attendance: 2,
    });
    expect(seven).toEqual(one);
    expect(many).toEqual(one);
    for (const table of stakeholderContributionsProjection.tables) {
      expect(await dataSource.query(`SELECT * FROM public.${table} t ORDER BY to_jsonb(t)::text`)).toEqual(one[table]);
    }
  });
});
