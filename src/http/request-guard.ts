import type { NextFunction, Request, Response } from 'express';
import { ProblemException, type FieldError } from './problem.js';

/** Deeper than any command body (a survey question's options are at depth 4). */
export const MAX_JSON_DEPTH = 16;

const JSON_TYPES = ['application/json', 'application/*+json'];
export const NDJSON_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/ndjson'];

function invalid(errors: FieldError[], code = 'VALIDATION.FAILED'): ProblemException {
  return new ProblemException(400, code, 'Invalid request', errors.map((e) => `${e.field}: ${e.reason}`).join('; '), { errors });
}

// With the u flag a surrogate pair is one code point, so this matches only unpaired halves.
const LONE_SURROGATE = /\p{Cs}/u;

/** What PostgreSQL cannot store in text (NUL), or what is not Unicode at all (a lone surrogate). */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (it holds an unpaired surrogate)';
  return null;
}

const pathOf = (parent: string, key: string | number) => (parent === '' ? String(key) : `${parent}.${key}`);

/**
 * Walks a parsed JSON value without recursion (a hostile body must not exhaust the stack) and
 * names every string that cannot be stored and the first place nested too deeply.
 */
export function inspectJson(root: unknown, maxDepth = MAX_JSON_DEPTH, limit = 20): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: '', depth: 0 }];
  let tooDeep = false;
  while (stack.length > 0 && errors.length < limit) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const reason = textProblem(value);
      if (reason) errors.push({ field: path || '(body)', reason });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) {
      if (!tooDeep) errors.push({ field: path || '(body)', reason: `is nested more than ${maxDepth} levels deep` });
      tooDeep = true;
      continue;
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const childPath = pathOf(path, key);
      if (typeof key === 'string') {
        const reason = textProblem(key);
        if (reason) errors.push({ field: childPath, reason: `(a field name) ${reason}` });
      }
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return errors;
}

function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > 0;
}

/** A route that reads a body of another type than JSON (it says so with @ApiConsumes). */
interface OwnBodyRoute {
  method: string;
  path: RegExp;
  types: string[];
}

/**
 * The routes whose request body is not JSON, from the OpenAPI document the routes' own
 * declarations build (`@ApiConsumes`): the bulk import's NDJSON, say. No route is named here.
 */
export function ownBodyRoutes(document: { paths: object }): OwnBodyRoute[] {
  const routes: OwnBodyRoute[] = [];
  for (const [template, operations] of Object.entries(document.paths as Record<string, object>)) {
    for (const [method, operation] of Object.entries(operations)) {
      const content = (operation as { requestBody?: { content?: Record<string, unknown> } }).requestBody?.content ?? {};
      const types = Object.keys(content).filter((t) => !JSON_TYPES.includes(t));
      if (types.length === 0) continue;
      const pattern = template
        .split(/(\{[^}]+\})/)
        .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      routes.push({ method: method.toUpperCase(), path: new RegExp(`^${pattern}$`), types });
    }
  }
  return routes;
}

/**
 * Before the JSON parser: a body that is not JSON is 415, not a pile of "missing field" errors,
 * unless its route declares that type (`routes()`: read at each request, as they are known only
 * once the application is built).
 */
export function requireJsonBody(routes: () => readonly OwnBodyRoute[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    // A route that reads its body itself (the bulk import's NDJSON lines) checks it itself.
    if (routes().some((r) => r.method === req.method && r.path.test(req.path) && req.is(r.types))) return next();
    if (hasBody(req) && !req.is(JSON_TYPES)) {
      const given = req.headers['content-type'];
      return next(
        new ProblemException(
          415,
          'REQUEST.UNSUPPORTED_MEDIA_TYPE',
          'Unsupported Media Type',
          given ? `request bodies are JSON (Content-Type: application/json), not ${given.split(';')[0]}` : 'request bodies are JSON: send Content-Type: application/json',
        ),
      );
    }
    next();
  };
}

/**
 * After the JSON parser: the body is an object, no deeper than MAX_JSON_DEPTH, and no string in it,
 * in the query or in the path holds what PostgreSQL cannot store. Refused here, such a value never
 * reaches a command, the log or a projection.
 */
export function inspectRequest(req: Request, _res: Response, next: NextFunction): void {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    return next(invalid([{ field: '(path)', reason: 'is not valid percent-encoded UTF-8' }]));
  }
  const pathProblem = textProblem(path);
  if (pathProblem) return next(invalid([{ field: '(path)', reason: pathProblem }]));

  const queryErrors = inspectJson(req.query).map((e) => ({ ...e, field: `query.${e.field}` }));
  if (queryErrors.length > 0) return next(invalid(queryErrors));

  const body: unknown = req.body;
  if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body)) && hasBody(req)) {
    return next(invalid([{ field: '(body)', reason: 'must be a JSON object' }]));
  }
  const bodyErrors = inspectJson(body);
  if (bodyErrors.length > 0) return next(invalid(bodyErrors));
  next();
}
