/**
 * The public event log (GET /v1/exports/events.ndjson): which events anyone may read, and what of
 * them. Deny by default — a type not listed here is not public, so a new event type stays private
 * until someone decides otherwise.
 *
 * Public, as of the export's log position:
 * - cycle, consultation and commitment events;
 * - report events of reports that have been published (their drafts, POC feedback and revisions
 *   included: that is the documented process);
 * - contribution events of contributions whose response has been published and that are not
 *   withdrawn, up to their last publication (a newer response and its review wait for theirs; a
 *   redaction is shown at once). Duplicates have no response of their own and are left out;
 *   contributions.ndjson shows them with their canonical's outcome;
 * - registrations of organisations (not of individuals); no other stakeholder event.
 * In every public event: each encrypted personal field is null (redactTree); survey text answers
 * are null (they become contributions, public once answered and published); the body of a redacted
 * contribution is null; the POC's review comment is null; `personalDataSubject` is null; a stakeholder id that is not a registered
 * organisation's (an individual's) is null; metadata keeps only actor role and institution,
 * correlation and causation ids, occurredAt, recordedAt and schemaVersion.
 */
import type pg from 'pg';
import type { LogPosition } from '../../event-store/postgres/position.js';
import { redactTree } from '../../security/personal-fields.js';
import { categoryOf } from '../../event-store/event-store.port.js';
import { streams } from '../../shared/streams.js';
import type { StoredEvent } from '../integrity/log-reader.js';

type Data = Record<string, unknown>;

/** What a page's events need to know about the rest of the log (looked up per page: constant memory). */
export interface PageFacts {
  /** Stakeholder ids of registered organisations (anything else is treated as an individual). */
  organisations: Set<string>;
  /** Per contribution or report stream: the revision of its last publication (none: absent). */
  published: Map<string, number>;
  withdrawn: Set<string>;
  redacted: Set<string>;
}

type Rule = (data: Data, event: StoredEvent, facts: PageFacts) => Data | null;

const orgOnly = (facts: PageFacts, id: unknown) => (typeof id === 'string' && facts.organisations.has(id) ? id : null);
const orgsOnly = (facts: PageFacts, ids: unknown) => (Array.isArray(ids) ? ids.map((id) => orgOnly(facts, id)) : ids);

const asIs: Rule = (data) => data;
const withStakeholderIds =
  (field: string): Rule =>
  (data, _event, facts) => ({ ...data, [field]: orgsOnly(facts, data[field]) });

const publishedReport: Rule = (data, event, facts) => (facts.published.has(event.streamId) ? data : null);

/** Published, not withdrawn, and not a newer response still awaiting its own publication. */
const publishedContribution =
  (then: Rule = asIs): Rule =>
  (data, event, facts) => {
    const publishedAt = facts.published.get(event.streamId);
    if (publishedAt === undefined || facts.withdrawn.has(event.streamId)) return null;
    if (event.revision > publishedAt && event.type !== 'ContributionRedacted') return null;
    return then(data, event, facts);
  };

const RULES: Record<string, Rule> = {
  CycleOpened: asIs,
  PolicyAreaAdded: asIs,
  MilestoneScheduled: asIs,
  MilestoneCompleted: asIs,
  ForumMeetingHeld: withStakeholderIds('attendeeIds'),
  CycleStageAdvanced: asIs,
  DraftPlanPublished: asIs,
  PlanApproved: asIs,
  PlanSubmitted: asIs,
  ComplianceThresholdsSet: asIs,

  ConsultationAnnounced: asIs,
  StakeholdersInvited: withStakeholderIds('stakeholderIds'),
  MaterialPublished: asIs,
  AttendanceRecorded: withStakeholderIds('stakeholderIds'),
  SurveyDefined: asIs,
  SurveyResponseSubmitted: (data, _event, facts) => ({
    ...data,
    stakeholderId: orgOnly(facts, data.stakeholderId),
    answers: ((data.answers as Data[] | undefined) ?? []).map((a) => (a.type === 'choice' ? a : { ...a, value: null })),
  }),
  ConsultationClosed: asIs,

  CommitmentDrafted: asIs,
  CommitmentRevised: asIs,
  CommitmentWithdrawn: asIs,

  ReportDrafted: publishedReport,
  ReportSubmitted: publishedReport,
  ReportFeedbackGiven: publishedReport,
  ReportRevised: publishedReport,
  ReportAccepted: publishedReport,
  ReportPublished: publishedReport,

  ContributionReceived: publishedContribution((data, event, facts) => ({
    ...data,
    stakeholderId: orgOnly(facts, data.stakeholderId),
    // An individual's text is personal data even where it was (wrongly) stored in clear.
    body: facts.redacted.has(event.streamId) || data.personalDataSubject != null ? null : data.body,
  })),
  ContributionResponded: publishedContribution(),
  // The POC's review comment is internal (the public accountability view does not show it either).
  ResponseReviewed: publishedContribution((data) => ({ ...data, comment: null })),
  ResponsePublished: publishedContribution(),
  ContributionRedacted: publishedContribution(),
  ContributionMarkedDuplicate: publishedContribution(),

  StakeholderRegistered: (data) => (data.kind === 'individual' ? null : { ...data, email: null }),
};

export const PUBLIC_EVENT_TYPES: readonly string[] = Object.keys(RULES).sort();

const stakeholderRefs = (data: Data): unknown[] => [
  data.stakeholderId,
  ...(Array.isArray(data.stakeholderIds) ? data.stakeholderIds : []),
  ...(Array.isArray(data.attendeeIds) ? data.attendeeIds : []),
];

/** Looks up, for one page, the organisations it names and the publication state of its contributions and reports. */
async function pageFacts(db: Pick<pg.Pool, 'query'>, page: readonly StoredEvent[], parsed: readonly Data[], upTo: LogPosition): Promise<PageFacts> {
  const facts: PageFacts = { organisations: new Set(), published: new Map(), withdrawn: new Set(), redacted: new Set() };
  const ids = [...new Set(parsed.flatMap(stakeholderRefs).filter((id): id is string => typeof id === 'string'))];
  if (ids.length > 0) {
    const { rows } = await db.query<{ id: string }>(
      `SELECT r.id FROM unnest($1::text[]) AS s(stream_id)
        CROSS JOIN LATERAL (
          SELECT e.data->>'stakeholderId' AS id FROM events e
           WHERE e.stream_id = s.stream_id AND e.type = 'StakeholderRegistered' AND e.data->>'kind' <> 'individual'
        ) r`,
      [ids.map((id) => streams.stakeholder(id))],
    );
    for (const r of rows) facts.organisations.add(r.id);
  }
  const gated = [...new Set(page.filter((e) => ['contribution', 'report'].includes(categoryOf(e.streamId))).map((e) => e.streamId))];
  if (gated.length > 0) {
    // One index look-up per stream of the page.
    const { rows } = await db.query<{ stream_id: string; published: string | null; withdrawn: boolean; redacted: boolean }>(
      `SELECT s.stream_id, f.published, f.withdrawn, f.redacted
         FROM unnest($1::text[]) AS s(stream_id)
        CROSS JOIN LATERAL (
          SELECT max(e.revision) FILTER (WHERE e.type IN ('ResponsePublished', 'ReportPublished')) AS published,
                 coalesce(bool_or(e.type = 'ContributionWithdrawn'), false) AS withdrawn,
                 coalesce(bool_or(e.type = 'ContributionRedacted'), false) AS redacted
            FROM events e
           WHERE e.stream_id = s.stream_id AND (e.transaction_id, e.global_position) <= ($2::xid8, $3::bigint)
        ) f`,
      [gated, String(upTo.xid), String(upTo.globalPosition)],
    );
    for (const r of rows) {
      if (r.published !== null) facts.published.set(r.stream_id, Number(r.published));
      if (r.withdrawn) facts.withdrawn.add(r.stream_id);
      if (r.redacted) facts.redacted.add(r.stream_id);
    }
  }
  return facts;
}

function publicMetadata(stored: string): Data {
  const m = JSON.parse(stored) as Data;
  const actor = (m.actor ?? {}) as Data;
  return {
    actor: { role: actor.role ?? null, institution: actor.institution ?? null },
    correlationId: m.correlationId ?? null,
    causationId: m.causationId ?? null,
    occurredAt: m.occurredAt ?? null,
    recordedAt: m.recordedAt ?? null,
    schemaVersion: m.schemaVersion ?? null,
  };
}

/** The public lines of one page (events that are not public give none). */
export async function publicLines(db: Pick<pg.Pool, 'query'>, page: readonly StoredEvent[], upTo: LogPosition): Promise<string> {
  const parsed = page.map((e) => JSON.parse(e.data) as Data);
  const facts = await pageFacts(db, page, parsed, upTo);
  let out = '';
  page.forEach((event, i) => {
    const rule = RULES[event.type];
    const shown = rule ? rule(parsed[i], event, facts) : null;
    if (!shown) return;
    const data = redactTree('personalDataSubject' in shown ? { ...shown, personalDataSubject: null } : shown);
    out += `${JSON.stringify({
      position: event.position,
      eventId: event.eventId,
      streamId: event.streamId,
      revision: event.revision,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data,
      metadata: publicMetadata(event.metadata),
      recordedAt: event.recordedAt.toISOString(),
    })}\n`;
  });
  return out;
}
