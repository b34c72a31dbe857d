import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

const ETAG_HEADER = {
  ETag: {
    description: 'The aggregate\'s stream revision, quoted ("3"): send it back as If-Match on a command to insist on that revision',
    schema: { type: 'string', example: '"3"' },
  },
};

/** A JSON success answer of this DTO; `etag`: a single-aggregate read that sends ETag: "<revision>". */
export function ApiOk(type: Type<unknown>, options: { status?: number; description?: string; etag?: boolean } = {}) {
  return applyDecorators(
    ApiExtraModels(type),
    ApiResponse({
      status: options.status ?? 200,
      description: options.description ?? 'OK',
      content: { 'application/json': { schema: { $ref: getSchemaPath(type) } } },
      ...(options.etag ? { headers: ETAG_HEADER } : {}),
    }),
  );
}

/** The schema of a `{ items, nextCursor }` page of this DTO. */
export function pageSchema(item: Type<unknown>): Schema {
  return {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: { $ref: getSchemaPath(item) } },
      nextCursor: { type: 'string', nullable: true, description: 'Pass as cursor for the next page; null on the last page', example: null },
    },
  };
}

/** A `{ items, nextCursor }` page of this DTO. */
export function ApiPage(item: Type<unknown>, description = '{ items, nextCursor }') {
  return applyDecorators(
    ApiExtraModels(item),
    ApiResponse({ status: 200, description, content: { 'application/json': { schema: pageSchema(item) } } }),
  );
}

/** A text answer (CSV, NDJSON) with an example of its first lines. */
export function ApiText(mediaType: string, example: string, description: string) {
  return ApiResponse({ status: 200, description, content: { [mediaType]: { schema: { type: 'string' }, example } } });
}

/** Path parameters that name an aggregate or an event: uuids (anything else answers 404). */
const ID_PARAMETERS = new Set(['id', 'pid', 'mid', 'eventId']);

const FIXED: Record<string, unknown> = {
  uuid: '3f2c7a9e-5b1d-4c8e-9a7f-2d6b8e4c1a05',
  'date-time': '2020-10-06T09:00:00.000Z',
  date: '2020-10-06',
};

/**
 * An example built from the schema's own examples: a property's example, an enum's first value,
 * null where null is allowed, false for a boolean, a fixed value for a uuid or a date. Where none
 * of these exists the property is left out, so that validating the example against its schema (the
 * contract test does) names every required property that lacks an example.
 */
export function exampleFromSchema(schema: Schema | undefined, doc: OpenAPIObject, depth = 0): unknown {
  if (!schema || depth > 12) return undefined;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return exampleFromSchema(doc.components?.schemas?.[name] as Schema | undefined, doc, depth + 1);
  }
  if ('example' in schema) return schema.example;
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((s) => exampleFromSchema(s as Schema, doc, depth + 1) ?? {}));
  }
  if (Array.isArray(schema.oneOf)) return exampleFromSchema(schema.oneOf[0] as Schema, doc, depth + 1);
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (typeof schema.format === 'string' && schema.format in FIXED) return FIXED[schema.format];
  if (schema.type === 'boolean') return false;
  if (schema.type === 'array') {
    const item = exampleFromSchema(schema.items as Schema, doc, depth + 1);
    return item === undefined ? [] : [item];
  }
  if (schema.type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
      const value = exampleFromSchema(property, doc, depth + 1);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  if (schema.nullable) return null;
  return undefined;
}

/**
 * What the decorators cannot say once for all: path ids are uuids, and every success answer
 * carries an example (built from its schema where the operation gives none).
 */
export function completeOpenApiDocument(doc: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(doc.paths)) {
    for (const operation of Object.values(item) as Array<Record<string, unknown>>) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      for (const parameter of (operation.parameters ?? []) as Array<Record<string, unknown>>) {
        if (parameter.in === 'path' && ID_PARAMETERS.has(String(parameter.name))) {
          parameter.schema = { ...(parameter.schema as Schema), type: 'string', format: 'uuid' };
          parameter.example ??= FIXED.uuid;
        }
      }
      for (const [status, response] of Object.entries(operation.responses as Record<string, Record<string, unknown>>)) {
        if (!status.startsWith('2')) continue;
        for (const media of Object.values((response.content ?? {}) as Record<string, Record<string, unknown>>)) {
          if (media.example === undefined && media.examples === undefined) media.example = exampleFromSchema(media.schema as Schema, doc);
        }
      }
    }
  }
  return doc;
}
