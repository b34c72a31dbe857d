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
import { categoryOf, type EventStore, type StoredEvent } from '../../event-store/event-store.port.js';
import { redactTree } from '../../security/personal-fields.js';
import { streams } from '../../shared/streams.js';

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

interface StreamFacts {
  published: number | null;
  withdrawn: boolean;
  redacted: boolean;
}

/** Streams looked up at once (each one read through the port). */
const LOOKUPS_AT_ONCE = 16;
/** Facts kept between pages; beyond this many the cache starts again (memory stays bounded). */
const CACHE_LIMIT = 50_000;

/**
 * What the public export needs to know about streams other than the page's events, as of the
 * export's position, read through the event store port (readStream) and kept for the rest of the
 * export: at or below that position nothing changes.
 */
export class PublicFacts {
  private readonly organisation = new Map<string, boolean>();
  private readonly gated = new Map<string, StreamFacts>();

  constructor(
    private readonly store: EventStore,
    /** The export's position: later events do not count. */
    private readonly upTo: string,
  ) {}

  /** The facts one page needs. */
  async forPage(page: readonly StoredEvent[], parsed: readonly Data[]): Promise<PageFacts> {
    const ids = [...new Set(parsed.flatMap(stakeholderRefs).filter((id): id is string => typeof id === 'string'))];
    const gated = [...new Set(page.filter((e) => ['contribution', 'report'].includes(categoryOf(e.streamId))).map((e) => e.streamId))];
    if (this.organisation.size > CACHE_LIMIT) this.organisation.clear();
    if (this.gated.size > CACHE_LIMIT) this.gated.clear();
    await inBatches(
      ids.filter((id) => !this.organisation.has(id)),
      async (id) => this.organisation.set(id, await this.isOrganisation(id)),
    );
    await inBatches(
      gated.filter((s) => !this.gated.has(s)),
      async (stream) => this.gated.set(stream, await this.streamFacts(stream)),
    );
    const facts: PageFacts = { organisations: new Set(), published: new Map(), withdrawn: new Set(), redacted: new Set() };
    for (const id of ids) if (this.organisation.get(id)) facts.organisations.add(id);
    for (const stream of gated) {
      const f = this.gated.get(stream)!;
      if (f.published !== null) facts.published.set(stream, f.published);
      if (f.withdrawn) facts.withdrawn.add(stream);
      if (f.redacted) facts.redacted.add(stream);
    }
    return facts;
  }

  /** A registered stakeholder that is not an individual. */
  private async isOrganisation(id: string): Promise<boolean> {
    const [first] = await this.store.readStream(streams.stakeholder(id), { limit: 1 });
    return (
      first !== undefined &&
      first.type === 'StakeholderRegistered' &&
      first.data.kind !== 'individual' &&
      this.store.comparePositions(first.position, this.upTo) <= 0
    );
  }

  private async streamFacts(stream: string): Promise<StreamFacts> {
    const facts: StreamFacts = { published: null, withdrawn: false, redacted: false };
    for (const e of await this.store.readStream(stream)) {
      if (this.store.comparePositions(e.position, this.upTo) > 0) break;
      if (e.type === 'ResponsePublished' || e.type === 'ReportPublished') facts.published = e.revision;
      if (e.type === 'ContributionWithdrawn') facts.withdrawn = true;
      if (e.type === 'ContributionRedacted') facts.redacted = true;
    }
    return facts;
  }
}

async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += LOOKUPS_AT_ONCE) await Promise.all(items.slice(i, i + LOOKUPS_AT_ONCE).map(work));
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
export async function publicLines(lookup: PublicFacts, page: readonly StoredEvent[]): Promise<string> {
  const parsed = page.map((e) => JSON.parse(e.data) as Data);
  const facts = await lookup.forPage(page, parsed);
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
      recordedAt: event.recordedAt,
    })}\n`;
  });
  return out;
}
