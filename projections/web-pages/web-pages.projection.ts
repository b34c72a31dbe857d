import type { CommitmentDrafted, CommitmentRevised } from '../../src/commitments/domain/events.js';
import type { ConsultationAnnounced, MaterialPublished } from '../../src/consultations/domain/events.js';
import type {
  ContributionMarkedDuplicate,
  ContributionReceived,
  ContributionRedacted,
  ContributionResponded,
  ResponsePublished,
  ResponseReviewed,
} from '../../src/contributions/domain/events.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { on, type ProjectionDefinition, type ProjectionHandler, type ProjectionStore } from '../../src/projection-runner/projection.js';
import type { ReportDrafted, ReportPublished, ReportRevised, ReportStatus } from '../../src/reports/domain/events.js';
import { WebCommitmentRow, WebConsultationRow, WebContributionStepRow, WebMaterialRow, WebReportRow } from './web-pages.entity.js';

/** The institution of an official who acted; a stakeholder's own id and name are not kept. */
const institutionOf = (event: RecordedEvent): string | null => (event.metadata.actor.role === 'stakeholder' ? null : (event.metadata.actor.institution ?? null));

/** A step of a contribution's stream, keeping only the fields `pick` returns (never the body or a stakeholder). */
function step<E extends { type: string; data: { contributionId: string } }>(pick: (d: E['data']) => Record<string, unknown>): ProjectionHandler {
  return on<E>(async (d, event, store) => {
    store.put(WebContributionStepRow, {
      contributionId: d.contributionId,
      revision: event.revision,
      type: event.type,
      occurredAt: new Date(event.metadata.occurredAt),
      institution: institutionOf(event),
      data: pick(d),
      position: event.position,
    });
  });
}

async function updateReport(store: ProjectionStore, reportId: string, event: RecordedEvent, change: Partial<WebReportRow>): Promise<void> {
  const row = await store.get(WebReportRow, { reportId });
  if (!row) throw new Error(`no row for report ${reportId}`);
  store.put(WebReportRow, { ...row, ...change, position: event.position });
}

const reportStatus = (status: ReportStatus): ProjectionHandler =>
  on<{ type: string; data: { reportId: string } }>((d, event, store) => updateReport(store, d.reportId, event, { status }));

export const webPagesProjection: ProjectionDefinition = {
  name: 'web-pages',
  version: 1,
  tables: ['web_consultation', 'web_material', 'web_report', 'web_commitment', 'web_contribution_step'],
  entities: [WebConsultationRow, WebMaterialRow, WebReportRow, WebCommitmentRow, WebContributionStepRow],
  // One step per event of a contribution's stream, keyed by its revision.
  insertOnly: [WebContributionStepRow],
  handlers: {
    ConsultationAnnounced: on<ConsultationAnnounced>(async (d, event, store) => {
      store.put(WebConsultationRow, { consultationId: d.consultationId, cycleId: d.cycleId, leadInstitution: d.leadInstitution, description: d.description ?? null, position: event.position });
    }),
    MaterialPublished: on<MaterialPublished>(async (d, event, store) => {
      store.put(WebMaterialRow, {
        materialId: d.materialId,
        consultationId: d.consultationId,
        kind: d.kind,
        title: d.title,
        url: d.url,
        publishedAt: new Date(event.metadata.occurredAt),
        position: event.position,
      });
    }),
    ReportDrafted: on<ReportDrafted>(async (d, event, store) => {
      store.put(WebReportRow, {
        reportId: d.reportId,
        consultationId: d.consultationId,
        summary: d.summary,
        status: 'draft',
        url: null,
        draftedAt: new Date(event.metadata.occurredAt),
        publishedAt: null,
        position: event.position,
      });
    }),
    ReportRevised: on<ReportRevised>((d, event, store) => updateReport(store, d.reportId, event, { summary: d.summary, status: 'draft' })),
    ReportSubmitted: reportStatus('submitted'),
    ReportAccepted: reportStatus('accepted'),
    ReportPublished: on<ReportPublished>((d, event, store) =>
      updateReport(store, d.reportId, event, { status: 'published', url: d.url, publishedAt: new Date(event.metadata.occurredAt) }),
    ),
    CommitmentDrafted: on<CommitmentDrafted>(async (d, event, store) => {
      store.put(WebCommitmentRow, {
        commitmentId: d.commitmentId,
        problem: d.problem,
        description: d.description,
        ogpValues: d.ogpValues,
        milestones: d.milestones,
        supportingInstitutions: d.supportingInstitutions ?? [],
        position: event.position,
      });
    }),
    CommitmentRevised: on<CommitmentRevised>(async (d, event, store) => {
      const row = await store.get(WebCommitmentRow, { commitmentId: d.commitmentId });
      if (!row) throw new Error(`no row for commitment ${d.commitmentId}`);
      const { problem, description, ogpValues, milestones } = d.changes;
      store.put(WebCommitmentRow, {
        ...row,
        ...(problem !== undefined ? { problem } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(ogpValues !== undefined ? { ogpValues } : {}),
        ...(milestones !== undefined ? { milestones } : {}),
        position: event.position,
      });
    }),
    ContributionReceived: step<ContributionReceived>((d) => ({ channel: d.channel, receivedAt: d.receivedAt, late: d.late })),
    ContributionResponded: step<ContributionResponded>((d) => ({ responseNumber: d.responseNumber, decision: d.decision, rationale: d.rationale, commitmentIds: d.commitmentIds })),
    // The POC's comment is internal to the review: only the verdict is public.
    ResponseReviewed: step<ResponseReviewed>((d) => ({ responseNumber: d.responseNumber, verdict: d.verdict })),
    ResponsePublished: step<ResponsePublished>((d) => ({ responseNumber: d.responseNumber })),
    // The author's reason for withdrawing is its own words: not kept.
    ContributionWithdrawn: step<{ type: 'ContributionWithdrawn'; data: { contributionId: string } }>(() => ({})),
    ContributionRedacted: step<ContributionRedacted>((d) => ({ reason: d.reason })),
    ContributionMarkedDuplicate: step<ContributionMarkedDuplicate>((d) => ({ canonicalId: d.canonicalId })),
  },
};
