import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-person data keys (wrapped by the master key). Mutable on purpose: erasure destroys a key. */
export class PersonalDataKeys1795500000000 implements MigrationInterface {
  name = 'PersonalDataKeys1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE personal_data_keys (
        subject     text PRIMARY KEY,
        wrapped_key bytea,
        created_at  timestamptz NOT NULL DEFAULT now(),
        erased_at   timestamptz,
        CONSTRAINT erased_has_no_key CHECK (erased_at IS NULL OR wrapped_key IS NULL)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE personal_data_keys');
  }
}
