import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { EVENT_STORE, type EventStore, type NewEvent } from '../../src/event-store/event-store.port.js';
import { bearer, INSTITUTIONS, type TestApp } from './app.js';

export { tamper } from './database.js';

/**
 * A small but complete record built over HTTP, as a client would: the Anti-Corruption area of
 * Albania's 2020–2022 cycle, a CSO and a citizen (an individual: personal data), a thematic
 * meeting and a survey, contributions answered and published, one left unpublished, one redacted
 * and one withdrawn after publication, a published consultation report. The texts below are what
 * must (not) reach the public.
 */
export const SECRET = {
  citizenName: 'Elira Hoxha-Dervishi',
  citizenEmail: 'elira.hoxha.dervishi@example.al',
  csoEmail: 'contact@ahc-tirana.example.al',
  /** An individual's comment: personal data, never public. */
  citizenBody: 'As a citizen of Kukës I was asked for a bribe at the civil registry office in May',
  /** Answered and endorsed but not published. */
  unpublishedBody: 'Unpublished remark: extend the register to municipal councillors',
  /** Published, then redacted by the POC. */
  redactedBody: 'Redacted remark naming a private person, Arben K., as corrupt',
  /** Published, then withdrawn by its author. */
  withdrawnBody: 'Withdrawn remark: merge the two anti-corruption agencies',
  /** Free-text survey answers (become contributions, not published). */
  citizenSurveyAnswer: 'Citizen survey answer: the complaints hotline never answers',
  csoSurveyAnswer: 'CSO survey answer: publish procurement contracts in full',
  /** A POC review comment: internal. */
  reviewComment: 'Internal note to the Ministry: check the wording with HIDAACI',
} as const;

export const PUBLIC_TEXT = {
  csoName: 'Albanian Helsinki Committee (Tirana)',
  csoBody: 'Publish the asset declarations of senior officials online, in a searchable format',
  rationale: 'Included as milestone 2 of the asset declarations commitment',
} as const;

export interface OpenRecord {
  cycleId: string;
  areaId: string;
  meetingId: string;
  surveyId: string;
  commitmentId: string;
  reportId: string;
  cso: { id: string; token: string };
  citizen: { id: string; token: string };
  contributions: { cso: string; citizen: string; unpublished: string; redacted: string; withdrawn: string };
  /** Position of the last command. */
  position: string;
}

export interface Tokens {
  poc: string;
  lfp: string;
}

export async function tokensFor(t: TestApp): Promise<Tokens & { auditor: string }> {
  return {
    poc: await t.token({ sub: 'poc-technical-secretariat', role: 'poc', institution: INSTITUTIONS.poc }),
    lfp: await t.token({ sub: 'lfp-moj', role: 'lfp', institution: INSTITUTIONS.justice }),
    auditor: await t.token({ sub: 'irm-researcher', role: 'auditor' }),
  };
}

export async function buildOpenRecord(t: TestApp, tokens: Tokens): Promise<OpenRecord> {
  let position = '';
  const post = async (path: string, token: string, body: object, status = [200, 201]): Promise<Record<string, unknown>> => {
    const res = await t.http.post(path).set(bearer(token)).send(body);
    if (!status.includes(res.status)) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    position = (res.body.position as string) ?? position;
    return res.body as Record<string, unknown>;
  };
  const { poc, lfp } = tokens;

  const cycleId = (await post('/v1/cycles', poc, {
    country: 'Albania',
    title: 'Albania NAP 2020–2022',
    periodStart: '2020-09-01',
    periodEnd: '2022-08-31',
    pocInstitution: INSTITUTIONS.poc,
  })).id as string;
  const areaId = (await post(`/v1/cycles/${cycleId}/policy-areas`, poc, { name: 'Anti-Corruption', leadInstitution: INSTITUTIONS.justice })).id as string;
  const csoId = (await post('/v1/stakeholders', poc, { kind: 'cso', name: PUBLIC_TEXT.csoName, email: SECRET.csoEmail })).id as string;
  const citizenId = (await post('/v1/stakeholders', poc, { kind: 'individual', name: SECRET.citizenName, email: SECRET.citizenEmail })).id as string;
  const cso = { id: csoId, token: await t.token({ sub: csoId, role: 'stakeholder' }) };
  const citizen = { id: citizenId, token: await t.token({ sub: citizenId, role: 'stakeholder' }) };

  const commitmentId = (await post('/v1/commitments', lfp, {
    cycleId,
    policyAreaId: areaId,
    title: 'Online register of asset declarations',
    problem: 'Asset declarations of senior officials cannot be consulted by the public.',
    description: 'Publish every declaration on the HIDAACI portal as open data.',
    ogpValues: ['transparency', 'accountability'],
    milestones: [{ title: 'Register online', dueDate: '2021-06-30' }],
    leadInstitution: INSTITUTIONS.justice,
  })).id as string;

  const meetingId = (await post('/v1/consultations', lfp, {
    cycleId,
    policyAreaId: areaId,
    kind: 'thematic_meeting',
    title: 'Anti-Corruption thematic meeting, 6 October 2020',
    announcedAt: '2020-09-21T09:00:00Z',
    opensAt: '2020-10-06T09:00:00Z',
    closesAt: '2020-10-06T13:00:00Z',
  })).id as string;
  await post(`/v1/consultations/${meetingId}/invitations`, lfp, { stakeholderIds: [csoId, citizenId] });
  await post(`/v1/consultations/${meetingId}/attendance`, lfp, { stakeholderIds: [csoId, citizenId], anonymousCount: 3 });

  const contribute = async (token: string, body: string) => (await post('/v1/contributions', token, { consultationId: meetingId, channel: 'meeting', body })).id as string;
  const answer = async (id: string) => {
    await post(`/v1/contributions/${id}/responses`, lfp, { decision: 'partially_accepted', rationale: PUBLIC_TEXT.rationale, commitmentIds: [commitmentId] });
    await post(`/v1/contributions/${id}/review`, poc, { verdict: 'endorsed', comment: SECRET.reviewComment });
  };
  const publish = (id: string) => post(`/v1/contributions/${id}/publication`, poc, {});

  const contributions = {
    cso: await contribute(cso.token, PUBLIC_TEXT.csoBody),
    citizen: await contribute(citizen.token, SECRET.citizenBody),
    unpublished: await contribute(lfp, SECRET.unpublishedBody),
    redacted: await contribute(lfp, SECRET.redactedBody),
    withdrawn: await contribute(cso.token, SECRET.withdrawnBody),
  };
  for (const id of Object.values(contributions)) await answer(id);
  for (const id of [contributions.cso, contributions.citizen, contributions.redacted, contributions.withdrawn]) await publish(id);
  await post(`/v1/contributions/${contributions.redacted}/redaction`, poc, { reason: 'names a private person' });
  await post(`/v1/contributions/${contributions.withdrawn}/withdrawal`, cso.token, { reason: 'merged into another proposal' });

  const surveyId = (await post('/v1/consultations', lfp, {
    cycleId,
    policyAreaId: areaId,
    kind: 'survey',
    title: 'Pre-consultation survey: Anti-Corruption',
    announcedAt: '2020-07-15T09:00:00Z',
    opensAt: '2020-07-20T09:00:00Z',
    closesAt: '2020-08-31T23:59:00Z',
  })).id as string;
  await post(`/v1/consultations/${surveyId}/survey`, lfp, {
    questions: [
      { id: 'q1', text: 'What should the plan change first?', type: 'text' },
      { id: 'q2', text: 'Is corruption a priority?', type: 'choice', options: ['yes', 'no'] },
    ],
  });
  await post(`/v1/consultations/${surveyId}/survey-responses`, citizen.token, {
    stakeholderId: citizenId,
    answers: [
      { questionId: 'q1', value: SECRET.citizenSurveyAnswer },
      { questionId: 'q2', value: 'yes' },
    ],
  });
  await post(`/v1/consultations/${surveyId}/survey-responses`, cso.token, {
    stakeholderId: csoId,
    answers: [
      { questionId: 'q1', value: SECRET.csoSurveyAnswer },
      { questionId: 'q2', value: 'yes' },
    ],
  });

  const reportId = (await post('/v1/reports', lfp, { consultationId: meetingId, summary: 'Twelve CSOs attended; five contributions recorded.' })).id as string;
  await post(`/v1/reports/${reportId}/submission`, lfp, {});
  await post(`/v1/reports/${reportId}/acceptance`, poc, {});
  await post(`/v1/reports/${reportId}/publication`, poc, { url: 'https://www.opengovpartnership.al/reports/anti-corruption.pdf' });

  return { cycleId, areaId, meetingId, surveyId, commitmentId, reportId, cso, citizen, contributions, position };
}

/**
 * Bulk volume through the EventStore port (HTTP would take minutes for thousands of events):
 * `streams` consultation streams of `perStream` MaterialPublished events each.
 */
export async function appendBulk(t: TestApp, cycleId: string, streams: number, perStream: number): Promise<void> {
  const store = t.app.get<EventStore>(EVENT_STORE);
  for (let s = 0; s < streams; s++) {
    const consultationId = randomUUID();
    const events: NewEvent[] = Array.from({ length: perStream }, (_, i) => ({
      eventId: randomUUID(),
      type: 'MaterialPublished',
      data: {
        consultationId,
        cycleId,
        policyAreaId: null,
        materialId: randomUUID(),
        kind: 'evidence',
        title: `Evidence file ${s}.${i}: minutes of the working group`,
        url: `https://www.opengovpartnership.al/evidence/${s}/${i}.pdf`,
      },
      metadata: { actor: { id: 'poc-technical-secretariat', role: 'poc', institution: INSTITUTIONS.poc }, correlationId: randomUUID(), causationId: null, occurredAt: new Date().toISOString(), schemaVersion: 1 },
    }));
    await store.append(`consultation-${consultationId}`, events, { expectedRevision: 'no_stream' });
  }
}

/** A superuser connection to the test database, for tampering "as an attacker with database access". */
export async function superuser(t: TestApp): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: t.db.url });
  await client.connect();
  return client;
}

/**
 * Waits until every stored event is visible to readers of the global log. Transaction ids are
 * cluster-wide, so another test file's open transaction can hold the visibility horizon back for
 * a moment; tests that compare the log read straight from the table with a digest wait for it.
 */
export async function settled(t: TestApp, timeoutMs = 30_000): Promise<string> {
  const store = t.app.get<EventStore>(EVENT_STORE);
  const client = new pg.Client({ connectionString: t.db.url });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query(
        `SELECT transaction_id::text || ':' || global_position AS p FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
      );
      const last = rows[0]?.p as string | undefined;
      if (last && (await store.head()) === last) return last;
      if (Date.now() > deadline) throw new Error(`the log did not become visible up to ${last} in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}
