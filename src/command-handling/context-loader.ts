import { Injectable } from '@nestjs/common';
import { commitmentDecider } from '../commitments/domain/commitment.decider.js';
import { consultationDecider, consultationSnapshot, type ConsultationSnapshot } from '../consultations/domain/consultation.decider.js';
import { followDuplicatesAsync } from '../contributions/domain/contribution-outcome.js';
import { contributionDecider } from '../contributions/domain/contribution.decider.js';
import { cycleDecider, cycleSnapshot, type CycleSnapshot } from '../cycles/domain/cycle.decider.js';
import { stakeholderDecider, stakeholderSnapshot, type StakeholderSnapshot } from '../stakeholders/domain/stakeholder.decider.js';
import { streams } from '../shared/streams.js';
import { AggregateStore } from './aggregate-store.js';

export interface CommitmentRef {
  id: string;
  exists: boolean;
  cycleId: string;
  withdrawn: boolean;
  /** Whose LFP may act on it (its policy area's lead); '' when it does not exist. */
  areaLeadInstitution: string;
}

export interface ContributionRef {
  id: string;
  exists: boolean;
  cycleId: string;
  consultationId: string;
  withdrawn: boolean;
  duplicateOf: string | null;
  /** Whose LFP may act on it; null: a consultation of the whole cycle (POC only), or it does not exist. */
  leadInstitution: string | null;
}

/**
 * Loads what a command's rules need to know of OTHER aggregates (a command appends to one stream,
 * but "the commitment must be of the same cycle" needs the commitment). It only loads: the rules
 * themselves are in the deciders.
 */
@Injectable()
export class ContextLoader {
  constructor(private readonly aggregates: AggregateStore) {}

  async cycle(id: string): Promise<CycleSnapshot> {
    return cycleSnapshot((await this.aggregates.load(streams.cycle(id), cycleDecider)).state);
  }

  async consultation(id: string): Promise<ConsultationSnapshot> {
    return consultationSnapshot((await this.aggregates.load(streams.consultation(id), consultationDecider)).state);
  }

  async stakeholder(id: string): Promise<StakeholderSnapshot> {
    return stakeholderSnapshot(id, (await this.aggregates.load(streams.stakeholder(id), stakeholderDecider)).state);
  }

  async stakeholders(ids: readonly string[] = []): Promise<StakeholderSnapshot[]> {
    return Promise.all(unique(ids).map((id) => this.stakeholder(id)));
  }

  async commitment(id: string): Promise<CommitmentRef> {
    const { state } = await this.aggregates.load(streams.commitment(id), commitmentDecider);
    return state.exists
      ? { id, exists: true, cycleId: state.cycleId, withdrawn: state.withdrawn, areaLeadInstitution: state.areaLeadInstitution }
      : { id, exists: false, cycleId: '', withdrawn: false, areaLeadInstitution: '' };
  }

  async commitments(ids: readonly string[] = []): Promise<CommitmentRef[]> {
    return Promise.all(unique(ids).map((id) => this.commitment(id)));
  }

  async contribution(id: string): Promise<ContributionRef> {
    const { state } = await this.aggregates.load(streams.contribution(id), contributionDecider);
    return state.exists
      ? {
          id,
          exists: true,
          cycleId: state.cycleId,
          consultationId: state.consultationId,
          withdrawn: state.withdrawn,
          duplicateOf: state.duplicateOf,
          leadInstitution: state.leadInstitution,
        }
      : { id, exists: false, cycleId: '', consultationId: '', withdrawn: false, duplicateOf: null, leadInstitution: null };
  }

  async contributions(ids: readonly string[] = []): Promise<ContributionRef[]> {
    return Promise.all(unique(ids).map((id) => this.contribution(id)));
  }

  /**
   * A contribution with its own duplicate-of chain (the contributions it transitively duplicates,
   * nearest first, up to its root): what MarkDuplicate needs to know of its canonical.
   */
  async contributionWithChain(id: string): Promise<ContributionRef & { chain: string[] }> {
    const ref = await this.contribution(id);
    const chain = await followDuplicatesAsync(id, ref.duplicateOf, async (next) => (await this.contribution(next)).duplicateOf);
    return { ...ref, chain };
  }
}

const unique = (ids: readonly string[]) => [...new Set(ids)];
