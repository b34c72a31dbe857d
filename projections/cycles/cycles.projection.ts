import { DEFAULT_THRESHOLDS } from '../../src/cycles/domain/cycle.decider.js';
import {
  CYCLE_EVENT_TYPES,
  type ComplianceThresholdsSet,
  type CycleOpened,
  type CycleStageAdvanced,
  type PlanApproved,
  type PlanSubmitted,
  type PolicyAreaAdded,
} from '../../src/cycles/domain/events.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { on, type ProjectionDefinition, type ProjectionStore } from '../../src/projection-runner/projection.js';
import { trackRevision } from '../shared/revision.js';
import { CycleRow } from './cycles.entity.js';

async function update(store: ProjectionStore, cycleId: string, event: RecordedEvent, change: (row: CycleRow) => Partial<CycleRow>): Promise<void> {
  const row = await store.get(CycleRow, { cycleId });
  if (!row) throw new Error(`no row for cycle ${cycleId}`);
  store.put(CycleRow, { ...row, ...change(row), position: event.position });
}

const definition: ProjectionDefinition = {
  name: 'cycles',
  // 2: the cycle stream's revision.
  version: 2,
  tables: ['cycles'],
  entities: [CycleRow],
  handlers: {
    CycleOpened: on<CycleOpened>(async (d, event, store) => {
      store.put(CycleRow, {
        cycleId: d.cycleId,
        country: d.country,
        title: d.title,
        periodStart: d.periodStart,
        periodEnd: d.periodEnd,
        pocInstitution: d.pocInstitution,
        methodology: d.methodology,
        stage: d.stage,
        policyAreas: [],
        approval: null,
        submission: null,
        thresholds: DEFAULT_THRESHOLDS,
        openedAt: new Date(event.metadata.occurredAt),
        revision: event.revision,
        position: event.position,
      });
    }),
    PolicyAreaAdded: on<PolicyAreaAdded>((d, event, store) =>
      update(store, d.cycleId, event, (row) => ({ policyAreas: [...row.policyAreas, { id: d.policyAreaId, name: d.name, leadInstitution: d.leadInstitution }] })),
    ),
    CycleStageAdvanced: on<CycleStageAdvanced>((d, event, store) => update(store, d.cycleId, event, () => ({ stage: d.to }))),
    PlanApproved: on<PlanApproved>((d, event, store) =>
      update(store, d.cycleId, event, () => ({ approval: { body: d.body, decisionRef: d.decisionRef, approvedAt: d.approvedAt } })),
    ),
    // Submission moves the cycle to its last stage by itself.
    PlanSubmitted: on<PlanSubmitted>((d, event, store) => update(store, d.cycleId, event, () => ({ stage: 'submitted', submission: { submittedAt: d.submittedAt } }))),
    ComplianceThresholdsSet: on<ComplianceThresholdsSet>((d, event, store) => update(store, d.cycleId, event, () => ({ thresholds: d.thresholds }))),
  },
};

export const cyclesProjection = trackRevision(definition, { entity: CycleRow, category: 'cycle', idProperty: 'cycleId', ownTypes: CYCLE_EVENT_TYPES });
