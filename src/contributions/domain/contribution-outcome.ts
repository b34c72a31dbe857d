/**
 * What became of a contribution, once for the whole house: its status, whether it was addressed,
 * the decision, rationale and commitments it shows, and the duplicate-of chain that leads a
 * duplicate to the canonical whose response it shows. Pure: the read models, the compliance rules,
 * the as-of replays and the command context all ask here.
 */
import { contributionStatus, type ContributionStatus } from './contribution.decider.js';
import type { ContributionEvent } from './events.js';

/** A contribution's own current response (a new response starts over: no verdict, not published). */
export interface OwnResponse {
  decision: string;
  rationale: string | null;
  commitmentIds: readonly string[];
  verdict: string | null;
  /** When it was published (the world's time); null while it is not. */
  publishedAt: Date | null;
}

/** What a contribution's own events say; what it shows also depends on its canonical root's. */
export interface OutcomeFacts {
  withdrawn: boolean;
  duplicateOf: string | null;
  response: OwnResponse | null;
}

export const RECEIVED: OutcomeFacts = { withdrawn: false, duplicateOf: null, response: null };

/** A contribution's own facts after one of its events (`occurredAt`: the event's world time). */
export function evolveOutcome(facts: OutcomeFacts, event: ContributionEvent, occurredAt: Date): OutcomeFacts {
  switch (event.type) {
    case 'ContributionResponded': {
      const { decision, rationale, commitmentIds } = event.data;
      return { ...facts, response: { decision, rationale, commitmentIds: [...commitmentIds].sort(), verdict: null, publishedAt: null } };
    }
    case 'ResponseReviewed':
      return facts.response ? { ...facts, response: { ...facts.response, verdict: event.data.verdict } } : facts;
    case 'ResponsePublished':
      return facts.response ? { ...facts, response: { ...facts.response, publishedAt: occurredAt } } : facts;
    case 'ContributionWithdrawn':
      return { ...facts, withdrawn: true };
    case 'ContributionMarkedDuplicate':
      return { ...facts, duplicateOf: event.data.canonicalId };
    default:
      return facts;
  }
}

export interface ContributionOutcome {
  status: ContributionStatus;
  /** A reasoned response (its own, or for a duplicate its canonical root's) the POC has not sent back for revision. */
  addressed: boolean;
  decision: string | null;
  rationale: string | null;
  commitmentIds: string[];
  publishedAt: Date | null;
}

/**
 * What a contribution shows: its status is its own; the response is its own, or, for a duplicate,
 * its canonical root's (`root`: that root's own facts; null while unknown).
 */
export function contributionOutcome(own: OutcomeFacts, root: OutcomeFacts | null): ContributionOutcome {
  const shown = own.duplicateOf === null ? own.response : (root?.response ?? null);
  return {
    status: contributionStatus({
      withdrawn: own.withdrawn,
      duplicateOf: own.duplicateOf,
      responded: own.response !== null,
      verdict: own.response?.verdict ?? null,
      published: own.response?.publishedAt != null,
    }),
    addressed: shown !== null && shown.verdict !== 'revision_requested',
    decision: shown?.decision ?? null,
    rationale: shown?.rationale ?? null,
    commitmentIds: shown ? [...shown.commitmentIds] : [],
    publishedAt: shown?.publishedAt ?? null,
  };
}

/** Duplicate chains are short in practice; the bound only protects against a corrupt record. */
export const MAX_DUPLICATE_CHAIN = 1000;

/**
 * The duplicate-of chain from `contributionId` (which duplicates `duplicateOf`): the contributions
 * it transitively duplicates, nearest first; the last is its canonical root. Stops at a loop or at
 * MAX_DUPLICATE_CHAIN (a corrupt record). Written once for every way of looking a contribution up:
 * the generator yields the id whose duplicateOf it needs next and is resumed with it (null: not a
 * duplicate, or unknown). Run it with followDuplicates or followDuplicatesAsync.
 */
export function* duplicateChain(contributionId: string, duplicateOf: string | null): Generator<string, string[], string | null> {
  const chain: string[] = [];
  for (let next = duplicateOf; next !== null && next !== contributionId && !chain.includes(next) && chain.length < MAX_DUPLICATE_CHAIN; ) {
    chain.push(next);
    next = yield next;
  }
  return chain;
}

/** duplicateChain with a lookup at hand (a map of the contributions read). */
export function followDuplicates(contributionId: string, duplicateOf: string | null, duplicateOfId: (id: string) => string | null): string[] {
  const walk = duplicateChain(contributionId, duplicateOf);
  let step = walk.next();
  while (!step.done) step = walk.next(duplicateOfId(step.value));
  return step.value;
}

/** duplicateChain with a lookup that reads (a stream, an aggregate). */
export async function followDuplicatesAsync(
  contributionId: string,
  duplicateOf: string | null,
  duplicateOfId: (id: string) => Promise<string | null>,
): Promise<string[]> {
  const walk = duplicateChain(contributionId, duplicateOf);
  let step = walk.next();
  while (!step.done) step = walk.next(await duplicateOfId(step.value));
  return step.value;
}

/**
 * The root a contribution marked a duplicate of `canonicalId` shows the response of: the
 * canonical's own root (`canonicalRoot`, when the canonical is itself a duplicate), else the
 * canonical. The step of duplicateChain for a reader that keeps each contribution's root.
 */
export function duplicateRoot(canonicalId: string, canonicalRoot: string | null): string {
  return canonicalRoot ?? canonicalId;
}
