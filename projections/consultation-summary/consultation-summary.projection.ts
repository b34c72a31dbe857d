import { CONSULTATION_EVENT_TYPES, type ConsultationAnnounced, type ConsultationClosed } from '../../src/consultations/domain/events.js';
import { on, type ProjectionDefinition, type ProjectionHandler, type ProjectionStore } from '../../src/projection-runner/projection.js';
import type { ReportDrafted, ReportStatus } from '../../src/reports/domain/events.js';
import { trackRevision } from '../shared/revision.js';
import { ConsultationSummaryRow } from './consultation-summary.entity.js';

async function consultation(store: ProjectionStore, consultationId: string): Promise<ConsultationSummaryRow> {
  const row = await store.get(ConsultationSummaryRow, { consultationId });
  if (!row) throw new Error(`no row for consultation ${consultationId}`);
  return row;
}

/** A later step of a report: shown only when it is the consultation's latest report. */
const reportStep = (status: ReportStatus): ProjectionHandler =>
  on<{ type: string; data: { reportId: string; consultationId: string } }>(async (d, event, store) => {
    const row = await consultation(store, d.consultationId);
    if (row.reportId === d.reportId) store.put(ConsultationSummaryRow, { ...row, reportStatus: status, position: event.position });
  });

const definition: ProjectionDefinition = {
  name: 'consultation-summary',
  // 2: the consultation stream's revision. Its contributions are counted from the accountability view's rows.
  version: 2,
  tables: ['consultation_summary'],
  entities: [ConsultationSummaryRow],
  handlers: {
    ConsultationAnnounced: on<ConsultationAnnounced>(async (d, event, store) => {
      store.put(ConsultationSummaryRow, {
        consultationId: d.consultationId,
        cycleId: d.cycleId,
        policyAreaId: d.policyAreaId,
        kind: d.kind,
        title: d.title,
        announcedAt: new Date(d.announcedAt),
        opensAt: new Date(d.opensAt),
        closesAt: new Date(d.closesAt),
        closed: false,
        closedAt: null,
        reportId: null,
        reportStatus: 'none',
        revision: event.revision,
        position: event.position,
      });
    }),

    ConsultationClosed: on<ConsultationClosed>(async (d, event, store) => {
      const row = await consultation(store, d.consultationId);
      store.put(ConsultationSummaryRow, { ...row, closed: true, closedAt: new Date(d.closedAt), position: event.position });
    }),

    // A new report of the same consultation replaces the earlier one in the summary.
    ReportDrafted: on<ReportDrafted>(async (d, event, store) => {
      const row = await consultation(store, d.consultationId);
      store.put(ConsultationSummaryRow, { ...row, reportId: d.reportId, reportStatus: 'draft', position: event.position });
    }),
    ReportSubmitted: reportStep('submitted'),
    ReportRevised: reportStep('draft'),
    ReportAccepted: reportStep('accepted'),
    ReportPublished: reportStep('published'),
  },
};

export const consultationSummaryProjection = trackRevision(definition, {
  entity: ConsultationSummaryRow,
  category: 'consultation',
  idProperty: 'consultationId',
  ownTypes: CONSULTATION_EVENT_TYPES,
});
