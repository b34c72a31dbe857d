import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../event-store/event-store.port.js';
import type { Checkpoint, ConsumerKind } from './checkpoints.js';
import type { RowChanges } from './row-changes.js';

/** Something the log follower drives: a projection, or a reactor (the survey reactor). */
export interface LogConsumer {
  /** Names its checkpoint row and its lock. */
  readonly name: string;
  readonly kind: ConsumerKind;
  /** The event types it handles: it is given only these (and moves past the others). */
  readonly types: ReadonlySet<string>;
  /**
   * Gets it ready to follow (its checkpoint row, a rebuild after a version change). Answers its
   * checkpoint, or null when it must not be driven (it failed earlier and stays failed, say).
   */
  prepare(): Promise<Checkpoint | null>;
  /**
   * Applies `events` (its types, in log order, all after `from`) and moves its checkpoint from
   * `from` to `to`, as one transaction for a projection. Throws CheckpointMoved when the row was
   * not at `from`; any other error leaves the checkpoint where it was. `changes`, when given,
   * receives the rows it wrote (see RowChanges).
   */
  apply(events: readonly RecordedEvent[], from: Checkpoint, to: Checkpoint, changes?: RowChanges): Promise<void>;
  /**
   * Only the effects of `events`, inside a transaction the follower gives: it moves the
   * checkpoints of every consumer it gave a share to in one statement, and commits once. Absent
   * for a consumer whose effects are not rows in this database (a reactor appends to the store).
   */
  applyIn?(manager: EntityManager, events: readonly RecordedEvent[], changes?: RowChanges): Promise<void>;
  /** It cannot go on (an event it cannot apply): it is recorded as failed and no longer driven. */
  fail(error: unknown): Promise<void>;
  /** When set, the follower leaves it alone until it is cleared (a rebuild's swap, say). */
  readonly busy?: boolean;
}
