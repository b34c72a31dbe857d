/** The rows a batch wrote or removed, by table: each one's primary key values, in the key's column order. */
export type RowChanges = Map<string, unknown[][]>;

/**
 * What a consumer's committed batch changed in its tables, told after the commit. `all`: its
 * tables may have changed in any way, or this process no longer follows it (it was claimed,
 * reloaded, rebuilt and swapped, given up, or the follower stopped).
 */
export interface CommittedChange {
  consumer: string;
  rows: RowChanges | 'all';
}

export type ChangeListener = (change: CommittedChange) => void;

export function recordChange(changes: RowChanges, table: string, pk: unknown[]): void {
  let rows = changes.get(table);
  if (!rows) changes.set(table, (rows = []));
  rows.push(pk);
}

/**
 * What a read model's in-process cache needs of the log follower (the follower is it): whether
 * every batch of a consumer that commits is this process's, and to be told of each.
 */
export interface ReadModelChanges {
  /** True while this process alone applies the consumer's batches (and so tells of every change). */
  alone(consumer: string): boolean;
  onChange(listener: ChangeListener): () => void;
}

export const READ_MODEL_CHANGES = Symbol('READ_MODEL_CHANGES');
