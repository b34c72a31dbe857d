import type { MigrationInterface, QueryRunner } from 'typeorm';

const CR_APPEND = 'cr_append(text, text, uuid[], text[], integer[], text[], text[])';

/**
 * cr_append runs with its owner's rights (SECURITY DEFINER), so the service can run as a role that
 * may only SELECT the events and streams tables: every event it writes goes through the function
 * that computes the hash chain, and it cannot insert, alter or disable anything itself (see
 * src/database/service-role.ts for the grants). A definer function must not resolve names through
 * its caller's search_path (the caller could shadow a table or a function and run code as the
 * owner): it gets a fixed one, the migrating schema with pg_temp last. Executing it is no longer
 * everyone's right: the owner and the roles granted it.
 */
export class AppendOnlyThroughCrAppend1796200000000 implements MigrationInterface {
  name = 'AppendOnlyThroughCrAppend1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        EXECUTE format('ALTER FUNCTION ${CR_APPEND} SECURITY DEFINER SET search_path = pg_catalog, %I, pg_temp', current_schema());
      END $$`);
    await q.query(`REVOKE EXECUTE ON FUNCTION ${CR_APPEND} FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`GRANT EXECUTE ON FUNCTION ${CR_APPEND} TO PUBLIC`);
    await q.query(`ALTER FUNCTION ${CR_APPEND} SECURITY INVOKER RESET search_path`);
  }
}
