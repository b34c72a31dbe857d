/**
 * A load generator in a process of its own (forked by bench:read), so the clients' work is not
 * done on the event loop of the service they measure. HTTP/1.1 with keep-alive connections.
 * Receives one job as a message, answers its latencies, and exits.
 */
import * as http from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LoadJob {
  base: string;
  seconds: number;
  /** Reads of GET /v1/contributions/:id/accountability: closed loop (clients) or open loop (rate). */
  reads?: { token: string; ids: string[]; clients?: number; rate?: number };
  /**
   * POST /v1/contributions at a fixed rate; with `watchToken`, each acknowledged one is read (with
   * it) until visible, all these reads together at most `probesPerSecond` (default 400).
   */
  commands?: { token: string; consultationId: string; rate: number; watchToken?: string; probesPerSecond?: number };
}

export interface LoadResult {
  readLatencies: number[];
  /** The reads slower than 100 ms: when each left (ms since the job started) and how long it took. */
  slowReads: Array<{ atMs: number; ms: number }>;
  readErrors: number;
  commandsSent: number;
  commandErrors: number;
  visibleMs: number[];
  /** The acknowledged commands that took over 250 ms to be visible: when each was acknowledged (ms since the job started). */
  slowVisible: Array<{ atMs: number; ms: number }>;
  neverVisible: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

function call(base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers, agent }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function runJob(job: LoadJob): Promise<LoadResult> {
  const started = performance.now();
  const result: LoadResult = { readLatencies: [], slowReads: [], readErrors: 0, commandsSent: 0, commandErrors: 0, visibleMs: [], slowVisible: [], neverVisible: 0 };
  const until = Date.now() + job.seconds * 1000;
  const work: Promise<unknown>[] = [];

  if (job.reads) {
    const { token, ids } = job.reads;
    const headers = { Authorization: `Bearer ${token}` };
    let pick = 1 + Math.floor(Math.random() * ids.length);
    const nextId = () => ids[(pick = (pick * 7919 + 104729) % ids.length)];
    const read = async () => {
      const t0 = performance.now();
      const status = await call(job.base, 'GET', `/v1/contributions/${nextId()}/accountability`, headers).then((r) => r.status, () => -1);
      const ms = performance.now() - t0;
      result.readLatencies.push(ms);
      if (ms > 100) result.slowReads.push({ atMs: Math.round(t0 - started), ms: Math.round(ms) });
      if (status !== 200) result.readErrors++;
    };
    if (job.reads.clients) {
      for (let c = 0; c < job.reads.clients; c++) {
        work.push((async () => {
          while (Date.now() < until) await read();
        })());
      }
    } else {
      const rate = job.reads.rate ?? 100;
      work.push((async () => {
        // Open loop: requests leave on schedule, whatever the answers do.
        const inflight: Promise<void>[] = [];
        for (let next = Date.now(); Date.now() < until; ) {
          next += 1000 / rate;
          inflight.push(read());
          const wait = next - Date.now();
          if (wait > 0) await sleep(wait);
        }
        await Promise.all(inflight);
      })());
    }
  }

  if (job.commands) {
    const { token, consultationId, rate, watchToken } = job.commands;
    // The watching reads share one budget, first come first served: unbounded, every contribution
    // not yet visible read every 2 ms became thousands of reads a second once visibility slowed,
    // which slowed it further (the probe measured its own load).
    const probeGap = 1000 / (job.commands.probesPerSecond ?? 400);
    let nextProbe = 0;
    const probeSlot = async () => {
      const now = performance.now();
      const at = Math.max(now, nextProbe);
      nextProbe = at + probeGap;
      if (at > now) await sleep(at - now);
    };
    const body = JSON.stringify({ consultationId, channel: 'online_comment', body: 'Publish the procurement plans of every ministry, quarterly.' });
    work.push((async () => {
      const inflight: Promise<void>[] = [];
      for (let next = Date.now(); Date.now() < until; ) {
        next += 1000 / rate;
        result.commandsSent++;
        inflight.push((async () => {
          const res = await call(job.base, 'POST', '/v1/contributions', { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body).catch(() => ({ status: -1, body: '{}' }));
          const at = performance.now();
          const id = res.status === 201 ? (JSON.parse(res.body) as { id?: string }).id : undefined;
          if (!id) {
            result.commandErrors++;
            return;
          }
          if (!watchToken) return;
          // Acknowledged → visible in the accountability view (no consistentWith: as a reader would).
          for (const deadline = at + 10_000; performance.now() < deadline; ) {
            await probeSlot();
            const r = await call(job.base, 'GET', `/v1/contributions/${id}/accountability`, { Authorization: `Bearer ${watchToken}` }).catch(() => ({ status: -1, body: '' }));
            if (r.status === 200) {
              const ms = performance.now() - at;
              result.visibleMs.push(ms);
              if (ms > 250) result.slowVisible.push({ atMs: Math.round(at - started), ms: Math.round(ms) });
              return;
            }
            await sleep(2);
          }
          result.neverVisible++;
        })());
        const wait = next - Date.now();
        if (wait > 0) await sleep(wait);
      }
      await Promise.all(inflight);
    })());
  }

  await Promise.all(work);
  return result;
}

if (process.send) {
  process.once('message', (job: LoadJob) => {
    void runJob(job).then(
      (result) => process.send!(result, () => process.exit(0)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
