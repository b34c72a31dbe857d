import { RecordBuilder } from '../support/record-builder.js';
import { WRITE_ENDPOINTS, WriteFixture, type Family, type Target, type WriteEndpoint } from '../support/write-endpoints.js';

/**
 * Seeded, bounded fuzzing of every write endpoint: valid bodies broken one to three ways at a time
 * (fields dropped, nulled, retyped, nested thousands deep, NUL and lone surrogates in text,
 * prototype keys, bodies that are not JSON or not objects, odd headers and path ids). Whatever
 * comes in, the answer is never a 5xx, and a rejected request appends nothing.
 * CR_FUZZ_SEED=<n> replays one run; the failures name their seed and case.
 */
const SEED = Number(process.env.CR_FUZZ_SEED ?? 20201006);
const BODIES_PER_FAMILY = 300;
const FAMILIES: Family[] = ['cycles', 'stakeholders', 'consultations', 'contributions', 'reports', 'commitments', 'operations'];

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    hex: (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join(''),
  };
}
type Rng = ReturnType<typeof prng>;

/** Stands for a value nested `depth` deep; serialize() writes it out as text (JSON.stringify would overflow the stack). */
const deep = (depth: number, kind: 'array' | 'object') => `__deep_${depth}_${kind}__`;
const DEEP = /"__deep_(\d+)_(array|object)__"/g;

function nestedText(depth: number, kind: string): string {
  return kind === 'array' ? '['.repeat(depth) + '"leaf"' + ']'.repeat(depth) : '{"a":'.repeat(depth) + '"leaf"' + '}'.repeat(depth);
}

function serialize(body: unknown): string {
  return (JSON.stringify(body) ?? '').replace(DEEP, (_, depth: string, kind: string) => nestedText(Number(depth), kind));
}

function hostile(rng: Rng): unknown {
  const uuid = () => `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`;
  const values: Array<() => unknown> = [
    () => null,
    () => true,
    () => 0,
    () => -1,
    () => 1.5,
    () => 1e308,
    () => -1e308,
    () => 2 ** 53 + 1,
    () => '',
    () => '   ',
    () => '\u0000',
    () => `Publish the minutes\u0000 within a week`,
    () => '\ud800',
    () => 'half a pair \udfff here',
    () => 'Gjirokastër 😀 ✓',
    () => 'x'.repeat(20_001),
    () => 'x'.repeat(300_001),
    () => '2020-02-30',
    () => '2020-13-01T00:00:00Z',
    () => '9999-12-31T23:59:59Z',
    () => '0000-01-01',
    () => 'not-a-uuid',
    () => uuid(),
    () => '00000000-0000-0000-0000-000000000000',
    () => "'; DROP TABLE events; --",
    () => '<script>alert(1)</script>',
    () => '../../etc/passwd',
    () => '%00',
    () => [],
    () => {},
    () => [null],
    () => [''],
    () => ['\u0000'],
    () => [{}],
    () => [{ title: null, dueDate: '\u0000' }],
    () => Array.from({ length: 3000 }, () => 'x'),
    () => Array.from({ length: 2000 }, uuid),
    () => ({ toString: 'x', valueOf: 1 }),
    () => JSON.parse('{"__proto__": {"polluted": true}}'),
    () => ({ constructor: { prototype: { polluted: true } } }),
    () => deep(17, 'array'),
    () => deep(50, 'object'),
    () => deep(1000, 'array'),
    () => deep(20_000, rng.next() < 0.5 ? 'array' : 'object'),
  ];
  return rng.pick(values)();
}

/** Paths to every value of a body, nested ones included. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

function setAt(root: Record<string, unknown>, path: Array<string | number>, value: unknown, remove = false): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove && Array.isArray(node)) node.splice(Number(last), 1);
  else if (remove) delete node[last];
  else node[last] = value;
}

interface Case {
  description: string;
  path: string;
  body?: unknown;
  raw?: string | Buffer;
  headers: Record<string, string>;
}

const RAW_BODIES: Array<[string, string | Buffer]> = [
  ['truncated JSON', '{"title": "Albania NAP'],
  ['a bare NUL', '\u0000'],
  ['an escaped NUL', '{"title":"a\\u0000b","body":"\\u0000"}'],
  ['a NUL byte inside a string', Buffer.from('{"title":"a\u0000b"}', 'utf8')],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ['a byte-order mark', '\ufeff{"title":"x"}'],
  ['a number too large for a double', '{"expectedRevision": 1e999}'],
  ['duplicate keys', '{"title":"a","title":{"b":1}}'],
  ['an array of 50,000 nested arrays', '['.repeat(50_000) + ']'.repeat(50_000)],
  ['a string', '"just a string"'],
  ['a number', '42'],
  ['null', 'null'],
  ['an array', '[{"title":"x"}]'],
];

const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'application/octet-stream'];

function mutate(rng: Rng, endpoint: WriteEndpoint, target: Target, headers: Record<string, string>): Case {
  const body = structuredClone(target.body);
  const notes: string[] = [];
  let path = target.path;
  const kase: Case = { description: '', path, body, headers: { ...headers } };
  const rounds = 1 + rng.int(3);
  for (let round = 0; round < rounds; round++) {
    const all = paths(kase.body);
    const roll = rng.int(100);
    if (roll < 30 && all.length > 0 && typeof kase.body === 'object' && kase.body !== null) {
      const at = rng.pick(all);
      const value = hostile(rng);
      setAt(kase.body as Record<string, unknown>, at, value);
      notes.push(`${at.join('.')} = ${describe(value)}`);
    } else if (roll < 45 && all.length > 0 && typeof kase.body === 'object' && kase.body !== null) {
      const at = rng.pick(all);
      setAt(kase.body as Record<string, unknown>, at, undefined, true);
      notes.push(`without ${at.join('.')}`);
    } else if (roll < 55 && typeof kase.body === 'object' && kase.body !== null && !Array.isArray(kase.body)) {
      const key = rng.pick(['extra', '__proto__', 'constructor', 'toString', 'a.b', '\u0000', 'stakeholderId', 'occurredAt', 'expectedRevision', 'actor']);
      const value = hostile(rng);
      (kase.body as Record<string, unknown>)[key] = value;
      notes.push(`+${JSON.stringify(key)} = ${describe(value)}`);
    } else if (roll < 62) {
      kase.body = hostile(rng);
      notes.push(`body = ${describe(kase.body)}`);
    } else if (roll < 72) {
      const [name, raw] = rng.pick(RAW_BODIES);
      kase.raw = raw;
      kase.headers['Content-Type'] = 'application/json';
      notes.push(`raw body: ${name}`);
    } else if (roll < 80) {
      kase.headers['Content-Type'] = rng.pick(CONTENT_TYPES);
      kase.raw = rng.next() < 0.5 ? JSON.stringify(body) : 'title=Albania&country=AL';
      notes.push(`Content-Type: ${kase.headers['Content-Type']}`);
    } else if (roll < 88) {
      const [name, value] = rng.pick([
        ['If-Match', '"abc"'],
        ['If-Match', '"-5"'],
        ['If-Match', '"99999999999999999999"'],
        ['If-Match', 'W/"0"'],
        ['Idempotency-Key', ' '],
        ['Idempotency-Key', 'k'.repeat(300)],
        ['Idempotency-Key', `fuzz-${rng.hex(6)}`],
        ['Content-Encoding', 'gzip'],
        ['Content-Encoding', 'br, x-unknown'],
        ['X-Request-Id', 'not valid because of spaces'],
      ] as const);
      kase.headers[name] = value;
      notes.push(`${name}: ${value}`);
    } else {
      // An id in the path replaced by something that is not an id.
      const segments = path.split('/');
      const ids = segments.map((s, i) => [s, i] as const).filter(([s]) => /^[0-9a-f-]{36}$/.test(s));
      if (ids.length > 0) {
        const [, index] = rng.pick(ids);
        segments[index] = encodeURIComponent(rng.pick(['\u0000', 'x'.repeat(3000), '..', 'Gjirokastër', "'; --", '%', '00000000-0000-0000-0000-000000000000']));
        path = segments.join('/');
        kase.path = path;
        notes.push(`path ${path.slice(0, 80)}`);
      }
    }
  }
  kase.description = `${endpoint.name}: ${notes.join('; ') || 'unchanged'}`;
  return kase;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 40)}… (${text.length} chars)` : text;
}

let r: RecordBuilder;
let fx: WriteFixture;

beforeAll(async () => {
  r = await RecordBuilder.start();
  fx = await WriteFixture.build(r);
}, 60_000);

afterAll(async () => {
  await r?.close();
});

test.each(FAMILIES)(`fuzzing the %s endpoints (seed ${SEED}): no 5xx, and no append from a rejected request`, async (family) => {
  const rng = prng(SEED ^ family.length * 7919 ^ family.charCodeAt(0) * 104729);
  // The NDJSON import checks its lines one by one (test/e2e/contribution-import.e2e.spec.ts).
  const endpoints = WRITE_ENDPOINTS.filter((e) => e.family === family && !e.ndjson);
  // One target per endpoint, built once: acting on the same aggregates over and over also reaches
  // the rules about state (already closed, already withdrawn...), not only validation.
  const targets = new Map<WriteEndpoint, Target>();
  for (const endpoint of endpoints) targets.set(endpoint, await endpoint.target(fx, endpoint.allowed[0] ?? 'poc'));

  const failures: string[] = [];
  const rejected: string[] = [];
  const transient: string[] = [];
  const bodies = family === 'operations' ? BODIES_PER_FAMILY / 3 : BODIES_PER_FAMILY;
  for (let i = 0; i < bodies; i++) {
    const endpoint = rng.pick(endpoints);
    const requestId = `fuzz-${family}-${i}-${rng.hex(8)}`;
    const kase = mutate(rng, endpoint, targets.get(endpoint)!, { ...fx.headers(endpoint.allowed[0] ?? 'poc'), 'X-Request-Id': requestId });
    const headers = { 'Content-Type': 'application/json', ...kase.headers };
    const payload = kase.raw ?? (kase.body === undefined ? undefined : serialize(kase.body));
    const send = () => {
      const request = r.http.post(kase.path).set(headers);
      return payload === undefined ? request : request.send(payload);
    };
    let res = await send();
    // An overloaded machine can time out the pool's connect: the service says so (503 with
    // Retry-After) and a client retries; the retry must then get a real answer.
    if (res.status === 503 && res.body?.code === 'DATABASE.UNAVAILABLE' && res.headers['retry-after']) {
      transient.push(`#${i}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      res = await send();
    }
    if (res.status >= 500) failures.push(`#${i} ${kase.description} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    if (res.status >= 400) rejected.push(kase.headers['X-Request-Id']);
    if (res.status >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json')) {
      failures.push(`#${i} ${kase.description} → ${res.status} without a problem document`);
    }
  }
  expect(failures).toEqual([]);
  // A database that is down is another test (database-restart.e2e.spec.ts): here it is always up.
  expect(transient.length).toBeLessThan(bodies / 20);
  const { rows } = await r.db.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE metadata->>'requestId' = ANY ($1)`, [rejected]);
  expect({ rejected: rejected.length > 0, appendedByRejected: Number(rows[0].n) }).toEqual({ rejected: true, appendedByRejected: 0 });
}, 120_000);
