import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every ledger digest the service issued, and the sparse checkpoints of the running hash that led
 * to it (one per 1,024 events), keyed by the digest they belong to: issuing the same digest again
 * adds a row to audit_digests and reuses the checkpoints. The trust anchor is the digest an auditor
 * keeps outside the system; these rows only help a verification say where a log changed.
 */
export class AuditDigests1795500004000 implements MigrationInterface {
  name = 'AuditDigests1795500004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_digests (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        position    text NOT NULL,
        event_count bigint NOT NULL CHECK (event_count > 0),
        sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        algorithm   text NOT NULL,
        issued_at   timestamptz NOT NULL DEFAULT now(),
        issued_by   jsonb
      )`);
    await q.query('CREATE INDEX audit_digests_digest ON audit_digests (position, sha256)');
    await q.query(`
      CREATE TABLE audit_digest_checkpoints (
        digest_position text NOT NULL,
        digest_sha256   text NOT NULL,
        event_count     bigint NOT NULL,
        position        text NOT NULL,
        running_hash    bytea NOT NULL CHECK (octet_length(running_hash) = 32),
        PRIMARY KEY (digest_position, digest_sha256, event_count)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_digest_checkpoints');
    await q.query('DROP TABLE audit_digests');
  }
}
