import pg from 'pg';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { bearer, INSTITUTIONS, startTestApp, type TestApp } from './app.js';

export const AREA = { name: 'Anti-Corruption', leadInstitution: INSTITUTIONS.justice } as const;

/**
 * A record built the way clients build it: every command through the HTTP API, with the dates
 * it happened in the world (occurredAt). Keeps the last position answered, to read the views
 * consistently with it.
 */
export class AuditRecord {
  last = '';

  private constructor(
    readonly t: TestApp,
    readonly db: pg.Client,
    readonly store: EventStore,
    readonly poc: string,
    readonly lfp: string,
    readonly auditor: string,
  ) {}

  static async start(): Promise<AuditRecord> {
    const t = await startTestApp();
    const db = new pg.Client({ connectionString: t.db.url });
    await db.connect();
    return new AuditRecord(
      t,
      db,
      t.app.get<EventStore>(EVENT_STORE),
      await t.token({ sub: 'poc-secretariat', role: 'poc', institution: INSTITUTIONS.poc }),
      await t.token({ sub: 'lfp-moj', role: 'lfp', institution: INSTITUTIONS.justice }),
      await t.token({ sub: 'irm-researcher', role: 'auditor' }),
    );
  }

  async close(): Promise<void> {
    await this.db.end();
    await this.t.close();
  }

  get http() {
    return this.t.http;
  }

  /** A command that must succeed; answers its body. */
  async post(path: string, token: string, body: Record<string, unknown> = {}): Promise<{ id: string; position: string; [k: string]: unknown }> {
    const res = await this.http.post(path).set(bearer(token)).send(body);
    if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    this.last = res.body.position as string;
    return res.body;
  }

  /** A view read consistently with the last command. */
  get(path: string, token?: string) {
    const req = this.http.get(path).query({ consistentWith: this.last });
    return token ? req.set(bearer(token)) : req;
  }

  async stakeholder(kind: string, name: string): Promise<{ id: string; token: string }> {
    const { id } = await this.post('/v1/stakeholders', this.poc, { kind, name });
    return { id, token: await this.t.token({ sub: id, role: 'stakeholder' }) };
  }

  /** A cycle with one policy area (Anti-Corruption, led by the Ministry of Justice). */
  async cycle(openedAt: string, title = 'NAP co-creation'): Promise<{ cycleId: string; areaId: string }> {
    const { id: cycleId } = await this.post('/v1/cycles', this.poc, {
      country: 'Albania',
      title,
      periodStart: '2021-01-01',
      periodEnd: '2023-12-31',
      pocInstitution: INSTITUTIONS.poc,
      occurredAt: openedAt,
    });
    const { id: areaId } = await this.post(`/v1/cycles/${cycleId}/policy-areas`, this.poc, { ...AREA, occurredAt: openedAt });
    return { cycleId, areaId };
  }

  /** The stream's events as stored, in log order. */
  async logOrder(eventIds: string[]): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      'SELECT event_id::text AS id FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY transaction_id, global_position',
      [eventIds],
    );
    return rows.map((r) => r.id);
  }
}

/** An instant `days` after `iso`. */
export const plusDays = (iso: string | Date, days: number): string => new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();
