/**
 * The OpenAPI 3.1 document, generated from the same route declarations and
 * zod schemas the handlers validate with (z.toJSONSchema emits JSON Schema
 * 2020-12, which is OpenAPI 3.1's dialect).
 */
import { z } from 'zod';
import { ProblemSchema, STATUS_OF } from './problem.ts';
import type { AnyRoute } from './routes/route.ts';
import { PERMISSIONS } from './auth/principal.ts';

type Json = Record<string, unknown>;

type SchemaOf = (s: z.ZodType, io: 'input' | 'output') => Json;

/**
 * JSON Schema of zod schemas for one document. A schema's own `$defs`
 * (recursive schemas such as JSON values) would resolve against the
 * document's root, so they move to components/schemas (`hoisted`).
 */
function schemaConverter(hoisted: Record<string, Json>): SchemaOf {
  let count = 0;
  return (s, io) => {
    const { $schema: _ignored, $defs, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any', reused: 'inline' }) as Json & { $defs?: Record<string, Json> };
    if (!$defs) return rest;
    const prefix = `Def${(count += 1)}_`;
    const relink = (x: unknown): Json => JSON.parse(JSON.stringify(x).replaceAll('"#/$defs/', `"#/components/schemas/${prefix}`)) as Json;
    for (const [name, def] of Object.entries($defs)) hoisted[`${prefix}${name}`] = relink(def);
    return relink(rest);
  };
}

/** Each field of an object schema becomes one parameter. */
function parameters(jsonSchema: SchemaOf, schema: z.ZodType | undefined, where: 'query' | 'path'): Json[] {
  if (!schema) return [];
  const obj = jsonSchema(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(obj.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name, in: where, required: where === 'path' || (obj.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
      ...(name === 'filter' ? { style: 'form', explode: true } : {}),
    };
  });
}

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

function operation(jsonSchema: SchemaOf, r: AnyRoute): Json {
  const responses: Json = {};
  for (const [status, spec] of Object.entries(r.responses)) {
    const type = spec.contentType ?? 'application/json';
    responses[status] = { description: spec.description, ...(spec.schema || type !== 'application/json' ? { content: { [type]: spec.schema ? { schema: jsonSchema(spec.schema, 'output') } : {} } } : {}) };
  }
  const problem = { content: { 'application/problem+json': { schema: PROBLEM_REF } } };
  responses.default = { description: 'Error (RFC 9457 problem+json; `code` is stable)', ...problem };
  const op: Json = {
    operationId: r.operationId,
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    tags: [r.tag],
    parameters: [...parameters(jsonSchema, r.params, 'path'), ...parameters(jsonSchema, r.query, 'query')],
    responses,
  };
  if (r.permission) {
    op.security = [{ bearer: [] }];
    op['x-outlay-permission'] = r.permission;
    op['x-outlay-roles'] = PERMISSIONS[r.permission];
  } else {
    op.security = [];
  }
  if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } };
  if (r.upload) {
    op.requestBody = { required: true, description: r.upload.description, content: Object.fromEntries(r.upload.contentTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) };
  }
  return op;
}

export function openApiDocument(routes: readonly AnyRoute[], version: string): Json {
  const hoisted: Record<string, Json> = {};
  const jsonSchema = schemaConverter(hoisted);
  const paths: Record<string, Json> = {};
  for (const r of routes) (paths[r.path] ??= {})[r.method] = operation(jsonSchema, r);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Outlay API',
      version,
      description: 'Cost intelligence for AI workloads. Authenticate with `Authorization: Bearer <token>` (an Outlay API token or an OIDC access token). '
        + `Errors are problem+json with a stable \`code\`: ${Object.entries(STATUS_OF).map(([k, v]) => `${k} → ${v}`).join(', ')}.`,
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Outlay API token (otk_…) or OIDC JWT access token' } },
      schemas: { Problem: jsonSchema(ProblemSchema, 'output'), ...hoisted },
    },
  };
}
