import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only event log, the per-stream head table and `cr_append`, the one-round-trip append.
 *
 * - `transaction_id` (the writer's xid8) orders the global log together with `global_position`:
 *   readers see only `transaction_id < pg_snapshot_xmin(pg_current_snapshot())`, so an event whose
 *   transaction commits late is never skipped. The primary key (transaction_id, global_position)
 *   is the index those readers walk.
 * - `data` and `metadata` are `json`, not `jsonb`: json keeps the exact text the chain hash covers.
 * - UPDATE, DELETE and TRUNCATE are refused by triggers that also fire under
 *   session_replication_role = replica (ENABLE ALWAYS); only the table owner disabling them by
 *   name gets around them, and the hash chain exposes what is changed that way.
 * - No CHECK constraints: cr_append is the only writer and checks its input, and PostgreSQL
 *   re-reads each CHECK expression for every insert statement.
 */
export class EventStore1795400000000 implements MigrationInterface {
  name = 'EventStore1795400000000';

  async up(q: QueryRunner): Promise<void> {
    // The chain hash is over UTF-8 bytes, which SQL measures with octet_length: only exact in UTF8.
    await q.query(`
      DO $$ BEGIN
        IF pg_encoding_to_char((SELECT encoding FROM pg_database WHERE datname = current_database())) <> 'UTF8' THEN
          RAISE EXCEPTION 'the event store needs a UTF8 database';
        END IF;
      END $$`);

    await q.query(`
      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY,
        transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
        event_id        uuid NOT NULL,
        stream_id       text NOT NULL,
        category        text GENERATED ALWAYS AS (split_part(stream_id, '-', 1)) STORED,
        revision        bigint NOT NULL,
        type            text NOT NULL,
        schema_version  integer NOT NULL,
        data            json NOT NULL,
        metadata        json NOT NULL,
        recorded_at     timestamptz NOT NULL,
        chain_hash      bytea NOT NULL,
        CONSTRAINT events_pkey PRIMARY KEY (transaction_id, global_position),
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision)
      )`);

    // Updated in place on every append: leave room on each page for HOT updates.
    await q.query(`
      CREATE TABLE streams (
        stream_id text PRIMARY KEY,
        revision  bigint NOT NULL,
        last_hash bytea NOT NULL
      ) WITH (fillfactor = 70)`);

    await q.query(`
      CREATE FUNCTION cr_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are immutable: % on events is refused', TG_OP
          USING ERRCODE = 'CR003', HINT = 'Append a correcting event instead.';
      END $$`);
    await q.query(`
      CREATE TRIGGER events_immutable_rows BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION cr_events_immutable()`);
    await q.query(`
      CREATE TRIGGER events_immutable_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION cr_events_immutable()`);
    await q.query('ALTER TABLE events ENABLE ALWAYS TRIGGER events_immutable_rows');
    await q.query('ALTER TABLE events ENABLE ALWAYS TRIGGER events_immutable_truncate');
    await q.query('REVOKE UPDATE, DELETE, TRUNCATE ON events FROM PUBLIC');

    // The canonical bytes of src/event-store/hashing.ts: each field as <utf8 byte length>:<utf8 bytes>.
    // A plain SQL expression so the planner inlines it into cr_append.
    await q.query(`
      CREATE FUNCTION cr_canonical_bytes(
        event_id text, stream_id text, revision text, type text, schema_version text, data text, metadata text
      ) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT convert_to(
             octet_length(event_id) || ':' || event_id
          || octet_length(stream_id) || ':' || stream_id
          || octet_length(revision) || ':' || revision
          || octet_length(type) || ':' || type
          || octet_length(schema_version) || ':' || schema_version
          || octet_length(data) || ':' || data
          || octet_length(metadata) || ':' || metadata, 'UTF8')
      $$`);

    /*
     * Appends a batch to one stream in one round trip; the arrays hold one element per event.
     * p_metadata holds each metadata JSON object WITHOUT its closing brace: the function appends
     * recordedAt (the database clock) and closes it, so the stored text is final before hashing.
     * Errors: CR001 wrong expected revision (DETAIL = actual revision, -1 for no stream); CR002
     * event ids partly stored, or stored in another stream; 22023 malformed input.
     * Generic plans: custom ones were re-planned on every call.
     */
    await q.query(`
      CREATE FUNCTION cr_append(
        p_stream text, p_expected text, p_ids uuid[], p_types text[], p_versions integer[], p_data text[], p_metadata text[],
        OUT last_revision bigint, OUT last_position text
      ) LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $fn$
      DECLARE
        v_count   integer := cardinality(p_ids);
        v_matched integer;
        v_foreign text;
        v_current bigint;
        v_hash    bytea;
        v_ok      boolean;
        v_now     timestamptz;
        v_stamp   text;
        v_hashes  bytea[];
      BEGIN
        -- First, before anything gives this transaction an xid: per-stream commit order then
        -- matches xid order, which is the order readers of the global log see. (An assignment,
        -- not PERFORM: a plain expression skips the executor.)
        v_stamp := pg_advisory_xact_lock(hashtextextended(p_stream, 0))::text;

        IF coalesce(v_count, 0) = 0 OR cardinality(p_types) <> v_count OR cardinality(p_versions) <> v_count
           OR cardinality(p_data) <> v_count OR cardinality(p_metadata) <> v_count THEN
          RAISE EXCEPTION 'an append needs at least one event, and one array element per event' USING ERRCODE = '22023';
        END IF;

        -- Idempotency on event id comes before the expectation: a retried append succeeds with
        -- its first result even though the stream has moved on.
        PERFORM FROM events e WHERE e.event_id = ANY (p_ids);
        IF FOUND THEN
          SELECT count(*), min(e.stream_id) FILTER (WHERE e.stream_id <> p_stream) INTO v_matched, v_foreign
            FROM events e WHERE e.event_id = ANY (p_ids);
          IF v_foreign IS NOT NULL THEN
            RAISE EXCEPTION 'event ids of this batch are already stored in stream %', v_foreign USING ERRCODE = 'CR002';
          ELSIF v_matched < v_count THEN
            RAISE EXCEPTION '% of the % event ids of this batch are already stored in stream %', v_matched, v_count, p_stream
              USING ERRCODE = 'CR002';
          END IF;
          SELECT e.revision, e.transaction_id::text || ':' || e.global_position INTO last_revision, last_position
            FROM events e WHERE e.event_id = ANY (p_ids) ORDER BY e.revision DESC LIMIT 1;
          RETURN;
        END IF;

        SELECT s.revision, s.last_hash INTO v_current, v_hash FROM streams s WHERE s.stream_id = p_stream;
        IF v_current IS NULL THEN
          v_current := -1;
          v_hash := '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
        END IF;
        -- (a CASE cannot sit inside IF: PL/pgSQL would end the condition at its first THEN)
        v_ok := CASE
          WHEN p_expected = 'any' THEN true
          WHEN p_expected = 'no_stream' THEN v_current = -1
          WHEN p_expected = 'stream_exists' THEN v_current >= 0
          WHEN p_expected ~ '^(-1|0|[1-9][0-9]{0,17})$' THEN v_current = p_expected::bigint
        END;
        IF v_ok IS NULL THEN
          RAISE EXCEPTION 'invalid expected revision %', p_expected USING ERRCODE = '22023';
        ELSIF NOT v_ok THEN
          RAISE EXCEPTION 'stream %: expected revision %, actual %', p_stream, p_expected, v_current
            USING ERRCODE = 'CR001', DETAIL = v_current::text;
        END IF;

        -- recordedAt is the database's clock, read under the stream lock so that it never goes
        -- backwards within a stream.
        v_now := date_trunc('milliseconds', clock_timestamp());
        v_stamp := '"recordedAt":"' || to_char(v_now AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"}';
        FOR i IN 1 .. v_count LOOP
          p_metadata[i] := p_metadata[i] || CASE WHEN p_metadata[i] = '{' THEN '' ELSE ',' END || v_stamp;
          v_hash := sha256(v_hash || cr_canonical_bytes(
            p_ids[i]::text, p_stream, (v_current + i)::text, p_types[i], p_versions[i]::text, p_data[i], p_metadata[i]));
          v_hashes[i] := v_hash;
        END LOOP;

        INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, chain_hash)
        SELECT u.id, p_stream, v_current + u.ord, u.type, u.version, u.data::json, u.meta::json, v_now, u.hash
          FROM unnest(p_ids, p_types, p_versions, p_data, p_metadata, v_hashes) WITH ORDINALITY AS u(id, type, version, data, meta, hash, ord)
         ORDER BY u.ord;

        IF v_current = -1 THEN
          INSERT INTO streams (stream_id, revision, last_hash) VALUES (p_stream, v_count - 1, v_hash);
        ELSE
          UPDATE streams SET revision = v_current + v_count, last_hash = v_hash WHERE stream_id = p_stream;
        END IF;

        last_revision := v_current + v_count;
        -- The rows were numbered in order, so this session's last identity value is the batch's last event.
        last_position := pg_current_xact_id()::text || ':' || currval('events_global_position_seq'::regclass);
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION cr_append(text, text, uuid[], text[], integer[], text[], text[])');
    await q.query('DROP FUNCTION cr_canonical_bytes(text, text, text, text, text, text, text)');
    await q.query('DROP TABLE events');
    await q.query('DROP FUNCTION cr_events_immutable()');
    await q.query('DROP TABLE streams');
  }
}
