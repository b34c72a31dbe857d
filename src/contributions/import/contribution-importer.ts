import { inspectJson } from '../../http/request-guard.js';
import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AggregateStore } from '../../command-handling/aggregate-store.js';
import type { CommandMeta } from '../../command-handling/command-meta.js';
import { commandMeta } from '../../http/command-meta.js';
import { ContextLoader, type CommitmentRef } from '../../command-handling/context-loader.js';
import { stableStringify } from '../../shared/stable-stringify.js';
import type { ConsultationSnapshot } from '../../consultations/domain/consultation.decider.js';
import { EVENT_STORE, IdempotencyMismatch, WrongExpectedRevision, type Actor, type EventStore, type StreamAppend } from '../../event-store/event-store.port.js';
import { ProblemException, type FieldError } from '../../http/problem.js';
import { BulkWriters } from '../../projection-runner/bulk-writers.js';
import { currentRequest } from '../../http/request-context.js';
import { createValidationPipe } from '../../http/validation.js';
import type { AuthenticatedRequest } from '../../security/auth.guard.js';
import { DomainError } from '../../shared/domain-error.js';
import { randomId, uuidv5 } from '../../shared/ids.js';
import { assertLeads } from '../../shared/scope.js';
import { streams } from '../../shared/streams.js';
import type { StakeholderSnapshot } from '../../stakeholders/domain/stakeholder.decider.js';
import { contributionDecider, contributorOf } from '../domain/contribution.decider.js';
import { ContributionErrors } from '../domain/errors.js';
import { ImportContributionLine, type ImportSummary } from './import.dto.js';
import { ndjsonLines } from './ndjson-lines.js';

/** Lines per appendMany: big enough to spread the commit, small enough not to hold the log's head back for long. */
export const IMPORT_BATCH = 500;
/** Batches appending at once: the database's work per line is most of an import's time. */
const IMPORT_PARALLEL = 3;
/** A line longer than the largest valid one (a 20,000-character body, escaped) is refused without parsing. */
const MAX_LINE_CHARS = 200_000;
/** The answer lists this many rejected lines and contribution ids at most; the counts are complete. */
const MAX_LISTED = 1000;

export type ImportProgress = Pick<ImportSummary, 'lines' | 'accepted' | 'rejected' | 'duplicatesOfEarlierLines' | 'alreadyRecorded'>;

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  correlationId?: string;
}

interface GoodLine {
  number: number;
  id: string;
  dto: ImportContributionLine;
  meta: CommandMeta;
}

/**
 * The bulk intake: each NDJSON line is checked exactly as POST /v1/contributions checks its body
 * (the same DTO, validation pipe and decider), good lines are appended many at a time, bad ones
 * reported. A line's contribution id is its own `id` or derived from the consultation and its
 * content, and its event id from that: a re-sent file appends nothing twice.
 */
@Injectable()
export class ContributionImporter {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly aggregates: AggregateStore,
    private readonly context: ContextLoader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly bulkWriters: BulkWriters,
  ) {}

  /** Refuses, before anything is read, a consultation that does not exist or that the actor may not record into. */
  async assertMayImport(consultationId: string, actor: Actor): Promise<ConsultationSnapshot> {
    const consultation = await this.context.consultation(consultationId);
    if (!consultation.exists) throw new ProblemException(404, 'CONSULTATION.NOT_FOUND', 'Not Found', `no consultation ${consultationId}`);
    if (actor.role !== 'poc' && actor.role !== 'lfp') {
      throw new DomainError('AUTH.OUT_OF_SCOPE', 'only the POC or the LFP of its policy area imports contributions', 'forbidden');
    }
    assertLeads(actor, consultation.leadInstitution, 'the consultation');
    return consultation;
  }

  async import(consultationId: string, actor: Actor, input: AsyncIterable<Buffer | string>, options: ImportOptions = {}): Promise<ImportSummary> {
    await this.assertMayImport(consultationId, actor);
    // The log follower of this process gives way while the lines go in (the views catch up after).
    return this.bulkWriters.during(() => this.intake(consultationId, actor, input, options));
  }

  private async intake(consultationId: string, actor: Actor, input: AsyncIterable<Buffer | string>, options: ImportOptions): Promise<ImportSummary> {
    const correlationId = options.correlationId ?? currentRequest()?.requestId ?? randomId();
    const summary: ImportSummary = {
      consultationId,
      lines: 0,
      accepted: 0,
      rejected: 0,
      duplicatesOfEarlierLines: 0,
      alreadyRecorded: 0,
      firstPosition: null,
      lastPosition: null,
      rejectedLines: [],
      contributionIds: [],
    };
    const rejectedNumbers = new Set<number>();
    const reject = (line: number, errors: { field: string | null; reason: string; code: string }[]) => {
      if (!rejectedNumbers.has(line)) {
        rejectedNumbers.add(line);
        summary.rejected++;
      }
      for (const e of errors) if (summary.rejectedLines.length < MAX_LISTED) summary.rejectedLines.push({ line, ...e });
    };
    // id → hash of the line it came from: the same id with other content is an error, not a repeat.
    const seen = new Map<string, string>();
    const caches = new ContextCache(this.context);
    const ids: { line: number; id: string }[] = [];

    let batch: GoodLine[] = [];
    const inFlight = new Set<Promise<void>>();
    // The first batch that failed (the database went away, say): the import stops and reports it.
    let failure: unknown;
    const flush = async () => {
      const lines = batch;
      batch = [];
      // A few batches append at once (on as many connections) while the next lines are parsed.
      while (inFlight.size >= IMPORT_PARALLEL) await Promise.race(inFlight);
      if (failure !== undefined) throw failure;
      const appending: Promise<void> = this.appendBatch(consultationId, lines, caches, correlationId, summary, reject, ids)
        .then(
          () => options.onProgress?.(progressOf(summary)),
          (error: unknown) => {
            failure ??= error;
          },
        )
        .finally(() => inFlight.delete(appending));
      inFlight.add(appending);
    };

    for await (const line of ndjsonLines(input, MAX_LINE_CHARS)) {
      summary.lines = line.number;
      const cut = line.terminated ? '' : ' (the input ends inside this line: it looks cut; send it again whole)';
      if (line.tooLong) {
        reject(line.number, [{ field: null, code: 'IMPORT.LINE_TOO_LONG', reason: `longer than ${MAX_LINE_CHARS} characters${cut}` }]);
        continue;
      }
      if (line.text.trim() === '') continue;
      let raw: unknown;
      try {
        raw = JSON.parse(line.text);
      } catch (error) {
        reject(line.number, [{ field: null, code: 'IMPORT.INVALID_JSON', reason: `not a JSON object: ${(error as Error).message}${cut}` }]);
        continue;
      }
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        reject(line.number, [{ field: null, code: 'IMPORT.INVALID_JSON', reason: `each line must be one JSON object${cut}` }]);
        continue;
      }
      // What the edge refuses in a JSON body (a NUL, a lone surrogate, nesting too deep) is refused per line here.
      const unstorable = inspectJson(raw);
      if (unstorable.length > 0) {
        reject(line.number, unstorable.map((e) => ({ field: e.field, code: 'VALIDATION.FAILED', reason: e.reason })));
        continue;
      }
      const fields = { ...(raw as Record<string, unknown>) };
      const checked = await this.check(consultationId, actor, fields);
      if ('errors' in checked) {
        reject(line.number, checked.errors);
        continue;
      }
      const { id: ownId, consultationId: _same, ...content } = fields;
      const contentHash = createHash('sha256').update(stableStringify(content)).digest('hex');
      const id = typeof ownId === 'string' ? ownId.toLowerCase() : uuidv5(`import|${consultationId}|${contentHash}`);
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        if (earlier === contentHash) summary.duplicatesOfEarlierLines++;
        else reject(line.number, [{ field: 'id', code: 'IMPORT.ID_REUSED', reason: `an earlier line of this input has id ${id} with other content` }]);
        continue;
      }
      seen.set(id, contentHash);
      batch.push({ number: line.number, id, dto: checked.dto, meta: checked.meta });
      if (batch.length >= IMPORT_BATCH) await flush();
    }
    await flush();
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
    summary.rejectedLines.sort((a, b) => a.line - b.line);
    summary.contributionIds = ids.sort((a, b) => a.line - b.line).slice(0, MAX_LISTED).map((x) => x.id);
    return summary;
  }

  /** The checks of POST /v1/contributions that need no record: the DTO, the validation pipe, the clock. */
  private async check(
    consultationId: string,
    actor: Actor,
    fields: Record<string, unknown>,
  ): Promise<{ dto: ImportContributionLine; meta: CommandMeta } | { errors: { field: string | null; reason: string; code: string }[] }> {
    if (fields.consultationId !== undefined && fields.consultationId !== consultationId) {
      return { errors: [{ field: 'consultationId', code: 'VALIDATION.FAILED', reason: `must be the consultation of the import (${consultationId}) or left out` }] };
    }
    if (fields.expectedRevision !== undefined) {
      return { errors: [{ field: 'expectedRevision', code: 'VALIDATION.FAILED', reason: 'a new contribution has no revision to insist on: leave it out' }] };
    }
    try {
      const dto = (await this.pipe.transform({ ...fields, consultationId }, { type: 'body', metatype: ImportContributionLine })) as ImportContributionLine;
      const meta = commandMeta({ actor, headers: {} } as unknown as AuthenticatedRequest, dto);
      return { dto, meta };
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      const errors = (error.extensions.errors as FieldError[] | undefined) ?? [{ field: '', reason: error.detail ?? error.title }];
      return { errors: errors.map((e) => ({ field: e.field || null, reason: e.reason, code: error.code })) };
    }
  }

  private async appendBatch(
    consultationId: string,
    lines: GoodLine[],
    caches: ContextCache,
    correlationId: string,
    summary: ImportSummary,
    reject: (line: number, errors: { field: string | null; reason: string; code: string }[]) => void,
    ids: { line: number; id: string }[],
  ): Promise<void> {
    if (lines.length === 0) return;
    // Fresh for every batch: a consultation closed mid-import makes the rest late.
    const consultation = await this.context.consultation(consultationId);
    await caches.prefetch(lines.map((l) => l.dto));
    const decided: { line: GoodLine; append: StreamAppend }[] = [];
    for (const line of lines) {
      const { dto, meta } = line;
      const contributor = contributorOf({ actor: meta.actor, stakeholderId: dto.stakeholderId });
      try {
        const events = contributionDecider.decide(
          {
            type: 'ReceiveContribution',
            contributionId: line.id,
            consultationId,
            stakeholderId: dto.stakeholderId,
            channel: dto.channel,
            body: dto.body,
            commitmentId: dto.commitmentId ?? null,
            receivedAt: dto.receivedAt,
            late: dto.late,
            actor: meta.actor,
            occurredAt: meta.occurredAt,
            context: {
              consultation,
              stakeholder: contributor === null ? null : caches.stakeholder(contributor),
              commitment: dto.commitmentId === undefined ? null : caches.commitment(dto.commitmentId),
            },
          },
          contributionDecider.initialState,
        );
        const stored = await this.aggregates.toNewEvents(events, { ...meta, correlationId }, (i) => uuidv5(`import|${line.id}|event|${i}`));
        decided.push({ line, append: { streamId: streams.contribution(line.id), events: stored, expectedRevision: 'no_stream' } });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const field = typeof error.details.field === 'string' ? error.details.field : null;
        reject(line.number, [{ field, code: error.code, reason: error.message }]);
      }
    }
    if (decided.length === 0) return;
    let results;
    try {
      results = await this.aggregates.appendMany(decided.map((d) => d.append));
    } catch (error) {
      if (!isLineError(error)) throw error;
      // Some line's stream is taken (its own id names an existing contribution): find which, one by one.
      results = [];
      for (const d of decided) {
        try {
          results.push((await this.aggregates.appendMany([d.append]))[0]);
        } catch (single) {
          if (!isLineError(single)) throw single;
          results.push(null);
          reject(d.line.number, [{ field: 'id', code: ContributionErrors.ALREADY_EXISTS, reason: `contribution ${d.line.id} already exists (not from this line)` }]);
        }
      }
    }
    for (const [i, result] of results.entries()) {
      if (result === null) continue;
      ids.push({ line: decided[i].line.number, id: decided[i].line.id });
      if (result.replayed) {
        summary.alreadyRecorded++;
        continue;
      }
      summary.accepted++;
      const store = this.store;
      if (summary.firstPosition === null || store.comparePositions(result.position, summary.firstPosition) < 0) summary.firstPosition = result.position;
      if (summary.lastPosition === null || store.comparePositions(result.position, summary.lastPosition) > 0) summary.lastPosition = result.position;
    }
  }
}

const isLineError = (error: unknown) => error instanceof WrongExpectedRevision || error instanceof IdempotencyMismatch;

const progressOf = (s: ImportSummary): ImportProgress => ({
  lines: s.lines,
  accepted: s.accepted,
  rejected: s.rejected,
  duplicatesOfEarlierLines: s.duplicatesOfEarlierLines,
  alreadyRecorded: s.alreadyRecorded,
});

/** The other aggregates the lines name (stakeholders, commitments), loaded once per import, many at a time. */
class ContextCache {
  private readonly stakeholders = new Map<string, StakeholderSnapshot>();
  private readonly commitments = new Map<string, CommitmentRef>();

  constructor(private readonly context: ContextLoader) {}

  async prefetch(lines: readonly ImportContributionLine[]): Promise<void> {
    if (this.stakeholders.size > 10_000) this.stakeholders.clear();
    const stakeholderIds = new Set(lines.flatMap((l) => (l.stakeholderId && !this.stakeholders.has(l.stakeholderId) ? [l.stakeholderId] : [])));
    const commitmentIds = new Set(lines.flatMap((l) => (l.commitmentId && !this.commitments.has(l.commitmentId) ? [l.commitmentId] : [])));
    const [s, c] = await Promise.all([this.context.stakeholders([...stakeholderIds]), this.context.commitments([...commitmentIds])]);
    for (const snapshot of s) this.stakeholders.set(snapshot.id, snapshot);
    for (const ref of c) this.commitments.set(ref.id, ref);
  }

  stakeholder(id: string): StakeholderSnapshot | null {
    return this.stakeholders.get(id) ?? null;
  }

  commitment(id: string): CommitmentRef | null {
    return this.commitments.get(id) ?? null;
  }
}
