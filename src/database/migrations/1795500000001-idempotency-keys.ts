import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Answers to POSTs sent with an Idempotency-Key, per caller, so a retry gets the same answer. */
export class IdempotencyKeys1795500000001 implements MigrationInterface {
  name = 'IdempotencyKeys1795500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        actor_id      text NOT NULL,
        key           text NOT NULL,
        request_hash  text NOT NULL,
        status        integer,
        response      jsonb,
        locked_until  timestamptz,
        created_at    timestamptz NOT NULL DEFAULT now(),
        completed_at  timestamptz,
        PRIMARY KEY (actor_id, key)
      )`);
    await q.query('CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_keys');
  }
}
