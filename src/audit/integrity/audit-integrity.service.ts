import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { DATABASE_POOL } from '../../database/tokens.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import type { Actor } from '../../shared/actor.js';
import { recordDigest } from './digest-records.js';
import { CHECKPOINT_INTERVAL, computeDigest, DIGEST_ALGORITHM, type Checkpoint } from './digest.js';
import { readLogPages } from './log-reader.js';
import { auditLine } from './ndjson.js';
import { verifyLog, type VerifyRequest, type VerifyResult } from './verify.js';

export interface IssuedDigest {
  position: string | null;
  eventCount: number;
  sha256: string;
  algorithm: string;
  checkpointInterval: number;
  issuedAt: string;
}

export interface EventsDownload {
  /** The head when the download started: the last position it can contain. */
  head: string | null;
  chunks: AsyncIterable<string>;
}

const NDJSON_PAGE = 1000;

/** Digest, verification and the raw log for auditors, on either event store. The digests issued are recorded in PostgreSQL. */
@Injectable()
export class AuditIntegrityService {
  constructor(
    @Inject(DATABASE_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Computes the digest of the whole log now and records it with its checkpoints. */
  async issueDigest(actor: Actor | undefined): Promise<IssuedDigest> {
    // Checkpoints are 32 bytes per 1,024 events: kept until the end so the write is one short
    // transaction (a transaction holding an xid for the whole read would stall every subscriber).
    const checkpoints: Checkpoint[] = [];
    const digest = await computeDigest(this.store, { onCheckpoint: (cp) => void checkpoints.push(cp) });
    let issuedAt = new Date().toISOString();
    if (digest.position !== null) {
      const client = await this.pool.connect();
      try {
        ({ issuedAt } = await recordDigest(client, { ...digest, position: digest.position }, checkpoints, actor && { id: actor.id, role: actor.role }));
      } finally {
        client.release();
      }
    }
    return { ...digest, algorithm: DIGEST_ALGORITHM, checkpointInterval: CHECKPOINT_INTERVAL, issuedAt };
  }

  async verify(request: VerifyRequest): Promise<VerifyResult> {
    return verifyLog(this.store, this.pool, request);
  }

  /** The log up to the head now, after a position, filtered, as NDJSON chunks of one page each. */
  async events(options: { after?: string; types?: string[]; streams?: string[]; limit?: number }): Promise<EventsDownload> {
    const upTo = await this.store.head();
    const after = options.after ?? null;
    const store = this.store;
    async function* chunks(): AsyncGenerator<string> {
      if (!upTo) return;
      let left = options.limit ?? Number.POSITIVE_INFINITY;
      // Pages are read one at a time, without a held connection or transaction: below the head nothing moves.
      for await (const page of readLogPages(store, { after, upTo, types: options.types, streams: options.streams }, Math.min(NDJSON_PAGE, left))) {
        const lines = page.slice(0, Math.min(page.length, left));
        left -= lines.length;
        yield lines.map(auditLine).join('');
        if (left <= 0) return;
      }
    }
    return { head: upTo, chunks: chunks() };
  }
}
