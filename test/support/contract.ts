/**
 * The API contract as the OpenAPI document states it, checked two ways: the document itself
 * (every operation declares typed success answers with examples, problem+json errors, uuid path
 * ids) and real answers (recorded from a running app, validated against the declared schemas with
 * Ajv, a maintained JSON Schema validator).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import * as formats from 'ajv-formats';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

type Schema = Record<string, unknown>;
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}
interface Operation {
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  responses: Record<string, { content?: Record<string, { schema?: Schema; example?: unknown; examples?: unknown }> }>;
}

/** OpenAPI 3.0 `nullable` and `example` are not JSON Schema: nullable becomes anyOf [..., null]. */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, example: _e, examples: _x, ...rest } = schema as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k === 'properties' || k === 'schemas' ? mapValues(v, toJsonSchema) : toJsonSchema(v)]));
  return nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}
const mapValues = (o: unknown, f: (v: unknown) => unknown) => Object.fromEntries(Object.entries(o as Record<string, unknown>).map(([k, v]) => [k, f(v)]));

/** Paths whose parameters are not ids (the projection admin names projections by name). */
const NOT_ID_PARAMETERS = new Set(['name']);
/** /health's 503 is its own document (monitors read the status code), not a problem. */
const NON_PROBLEM_ERRORS = new Set(['GET /health 503']);

export class Contract {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes: Array<{ method: string; template: string; pattern: RegExp }>;

  constructor(readonly doc: OpenApiDocument) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    // CommonJS module: its function is the default export's default under NodeNext typing.
    const addFormats = ((formats as { default?: unknown }).default ?? formats) as unknown as (ajv: Ajv) => void;
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'openapi', components: toJsonSchema(doc.components ?? {}) } as Schema);
    this.routes = Object.entries(doc.paths).flatMap(([template, item]) =>
      Object.keys(item).map((method) => ({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      })),
    );
  }

  operations(): Array<{ key: string; method: string; path: string; operation: Operation }> {
    return Object.entries(this.doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, operation })),
    );
  }

  /** Every way the document falls short of the contract, one line each (empty: none). */
  documentViolations(): string[] {
    const problems: string[] = [];
    for (const { key, operation } of this.operations()) {
      const responses = Object.entries(operation.responses ?? {});
      const success = responses.filter(([status]) => status.startsWith('2'));
      if (success.length === 0) problems.push(`${key}: declares no success response`);
      for (const [status, response] of success) {
        const media = Object.entries(response.content ?? {});
        if (media.length === 0) problems.push(`${key} ${status}: no content schema`);
        for (const [type, m] of media) {
          if (!m.schema) problems.push(`${key} ${status} ${type}: no schema`);
          if (m.example === undefined && m.examples === undefined) problems.push(`${key} ${status} ${type}: no example`);
          else if (m.schema && isJson(type) && m.example !== undefined) {
            const errors = this.errors(m.schema, m.example);
            if (errors) problems.push(`${key} ${status} ${type}: the example does not match the schema: ${errors}`);
          }
        }
      }
      for (const [status, response] of responses.filter(([s]) => /^[45]/.test(s))) {
        if (NON_PROBLEM_ERRORS.has(`${key} ${status}`)) continue;
        if (!response.content?.['application/problem+json']?.schema) problems.push(`${key} ${status}: not declared as application/problem+json`);
      }
      if (!responses.some(([s]) => /^4/.test(s)) && key !== 'GET /health') problems.push(`${key}: declares no error response`);
      for (const p of operation.parameters ?? []) {
        if (p.in === 'path' && !NOT_ID_PARAMETERS.has(p.name) && p.schema?.format !== 'uuid') problems.push(`${key}: path id {${p.name}} is not format uuid`);
      }
    }
    return problems;
  }

  private validator(schema: Schema): ValidateFunction {
    const key = JSON.stringify(schema);
    const v = this.validators.get(key);
    if (v === undefined) {
      // References point into the registered document: '#/components/...' → 'openapi#/components/...'.
      const rooted = JSON.parse(JSON.stringify(toJsonSchema(schema)).replace(/"\$ref":"#\//g, '"$ref":"openapi#/')) as Schema;
      const compiled = this.ajv.compile(rooted);
      this.validators.set(key, compiled);
      return compiled;
    }
    return v;
  }

  /** Ajv's errors for a value against a schema, as one line; null when it matches. */
  errors(schema: Schema, value: unknown): string | null {
    const v = this.validator(schema);
    return v(value) ? null : this.ajv.errorsText(v.errors, { separator: '; ' });
  }

  /** The operation an answer belongs to, by method and path template. */
  route(method: string, path: string): { key: string; operation: Operation } | null {
    const found = this.routes.find((r) => r.method === method && r.pattern.test(path));
    return found ? { key: `${method} ${found.template}`, operation: this.doc.paths[found.template][method.toLowerCase()] } : null;
  }

  /** Why a real answer breaks the contract, or null when it keeps it (or is not an API answer). */
  answerViolation(a: RecordedAnswer): string | null {
    const found = this.route(a.method, a.path);
    if (!found) return null;
    const where = `${found.key} → ${a.status}`;
    const declared = found.operation.responses[String(a.status)];
    const type = a.contentType.split(';')[0].trim();
    if (a.status >= 400) {
      if (NON_PROBLEM_ERRORS.has(`${found.key} ${a.status}`)) return null;
      if (type !== 'application/problem+json') return `${where}: an error answered as ${type || 'no content type'}, not application/problem+json`;
      const schema = this.doc.components?.schemas?.ProblemDocument ? { $ref: '#/components/schemas/ProblemDocument' } : null;
      const errors = schema && this.errors(schema, parse(a.body));
      return errors ? `${where}: not a problem document: ${errors}` : null;
    }
    if (!declared) return `${where}: status not declared`;
    const media = declared.content?.[type];
    if (!media?.schema) return `${where}: content type ${type} not declared`;
    if (!isJson(type) || a.truncated) return null;
    const errors = this.errors(media.schema, parse(a.body));
    return errors ? `${where}: ${errors}` : null;
  }
}

/** application/json and +json types; not NDJSON, which is text lines. */
const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');

const parse = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
};

export interface RecordedAnswer {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: string;
  /** Longer than what is kept: the body is not validated. */
  truncated: boolean;
}

const KEEP_BYTES = 2 * 1024 * 1024;

/**
 * Records every answer the server gives (method, path, status, content type, body), by wrapping
 * its request listener: what the app answered, byte for byte, whatever client sent the request.
 */
export function recordAnswers(server: Server): RecordedAnswer[] {
  const answers: RecordedAnswer[] = [];
  const listeners = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      size += buffer.length;
      if (size <= KEEP_BYTES) chunks.push(buffer);
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((...args: unknown[]) => (keep(args[0], args[1]), write(...args))) as typeof res.write;
    res.end = ((...args: unknown[]) => (keep(args[0], args[1]), end(...args))) as typeof res.end;
    res.on('finish', () => {
      answers.push({
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0],
        status: res.statusCode,
        contentType: String(res.getHeader('content-type') ?? ''),
        body: Buffer.concat(chunks).toString('utf8'),
        truncated: size > KEEP_BYTES,
      });
    });
    for (const listener of listeners) listener(req, res);
  });
  return answers;
}
