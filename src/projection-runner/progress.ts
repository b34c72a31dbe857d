/** Anything that runs SQL: a DataSource, an EntityManager or a QueryRunner (to read inside its snapshot). */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface ReadModelProgress {
  name: string;
  version: number;
  /** How far the read model has seen the log: its horizon when it has one, else its checkpoint; null before its first event. */
  seen: string | null;
}

/** The progress of the named read models; a name without a row (not registered yet) is absent. */
export async function readModelProgress(db: Queryable, names: readonly string[]): Promise<Map<string, ReadModelProgress>> {
  const rows = (await db.query('SELECT name, version, position, horizon FROM projection_state WHERE name = ANY ($1)', [names])) as Array<{
    name: string;
    version: number;
    position: string | null;
    horizon: string | null;
  }>;
  return new Map(rows.map((r) => [r.name, { name: r.name, version: r.version, seen: r.horizon ?? r.position }]));
}
