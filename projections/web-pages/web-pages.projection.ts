import type { CommitmentDrafted, CommitmentRevised } from '../../src/commitments/domain/events.js';
import type { ConsultationAnnounced, MaterialPublished } from '../../src/consultations/domain/events.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { on, type ProjectionDefinition, type ProjectionHandler, type ProjectionStore } from '../../src/projection-runner/projection.js';
import type { ReportDrafted, ReportPublished, ReportRevised, ReportStatus } from '../../src/reports/domain/events.js';
import { WebCommitmentRow, WebConsultationRow, WebMaterialRow, WebReportRow } from './web-pages.entity.js';

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
  tables: ['web_consultation', 'web_material', 'web_report', 'web_commitment'],
  entities: [WebConsultationRow, WebMaterialRow, WebReportRow, WebCommitmentRow],
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
  },
};
