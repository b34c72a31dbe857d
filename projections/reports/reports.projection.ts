import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { on, type ProjectionDefinition, type ProjectionStore } from '../../src/projection-runner/projection.js';
import {
  REPORT_EVENT_TYPES,
  type ReportAccepted,
  type ReportDrafted,
  type ReportFeedbackGiven,
  type ReportPublished,
  type ReportRevised,
  type ReportSubmitted,
} from '../../src/reports/domain/events.js';
import { trackRevision } from '../shared/revision.js';
import { ReportRow } from './reports.entity.js';

async function update(store: ProjectionStore, reportId: string, event: RecordedEvent, change: (row: ReportRow) => Partial<ReportRow>): Promise<void> {
  const row = await store.get(ReportRow, { reportId });
  if (!row) throw new Error(`no row for report ${reportId}`);
  store.put(ReportRow, { ...row, ...change(row), position: event.position });
}

const at = (event: RecordedEvent) => new Date(event.metadata.occurredAt);

const definition: ProjectionDefinition = {
  name: 'reports',
  version: 1,
  tables: ['reports'],
  entities: [ReportRow],
  handlers: {
    ReportDrafted: on<ReportDrafted>(async (d, event, store) => {
      store.put(ReportRow, {
        reportId: d.reportId,
        consultationId: d.consultationId,
        cycleId: d.cycleId,
        policyAreaId: d.policyAreaId,
        status: 'draft',
        summary: d.summary,
        contributionIds: d.contributionIds,
        revisionNumber: 0,
        feedback: [],
        draftedAt: at(event),
        submittedAt: null,
        acceptedAt: null,
        publishedAt: null,
        url: null,
        revision: event.revision,
        position: event.position,
      });
    }),
    ReportSubmitted: on<ReportSubmitted>((d, event, store) => update(store, d.reportId, event, () => ({ status: 'submitted', submittedAt: at(event) }))),
    ReportFeedbackGiven: on<ReportFeedbackGiven>((d, event, store) =>
      update(store, d.reportId, event, (row) => ({ feedback: [...row.feedback, { round: d.round, items: d.items, givenAt: at(event).toISOString() }] })),
    ),
    // A revision returns the report to draft; without contributionIds it keeps the earlier list.
    ReportRevised: on<ReportRevised>((d, event, store) =>
      update(store, d.reportId, event, () => ({ status: 'draft', summary: d.summary, contributionIds: d.contributionIds, revisionNumber: d.revisionNumber })),
    ),
    ReportAccepted: on<ReportAccepted>((d, event, store) => update(store, d.reportId, event, () => ({ status: 'accepted', acceptedAt: at(event) }))),
    ReportPublished: on<ReportPublished>((d, event, store) => update(store, d.reportId, event, () => ({ status: 'published', publishedAt: at(event), url: d.url }))),
  },
};

export const reportsProjection = trackRevision(definition, { entity: ReportRow, category: 'report', idProperty: 'reportId', ownTypes: REPORT_EVENT_TYPES });
