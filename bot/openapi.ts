import { z } from 'zod';
import type { ApiRouteDescription } from './routes/api-route.js';

/** The OpenAPI 3.1 document, generated from the same route table and zod schemas the server validates with. */
export function buildOpenApiDocument(routes: readonly ApiRouteDescription[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const method = r.method === 'del' ? 'delete' : r.method;
    const parameters = [...r.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (r.query) {
      const query = toSchema(r.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(query.properties ?? {})) {
        parameters.push({ name, in: 'query', required: (query.required ?? []).includes(name), schema } as never);
      }
    }
    paths[path] ??= {};
    paths[path][method] = {
      summary: r.summary,
      ...(r.roles && { description: `Roles: ${r.roles.join(', ')}` }),
      security: r.public ? [] : [{ bearer: [] }],
      ...(parameters.length > 0 && { parameters }),
      ...(r.body && {
        requestBody: { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input') } } },
      }),
      ...(r.upload && {
        requestBody: {
          required: true,
          description: `${r.upload.description} (at most ${r.upload.maxBytes} bytes)`,
          content: { [r.upload.mediaType]: { schema: { type: 'string' } } },
        },
      }),
      responses: Object.fromEntries([
        ...Object.entries(r.responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            ...(response.schema && { content: { 'application/json': { schema: toSchema(response.schema, 'output') } } }),
            ...(response.mediaType && { content: { [response.mediaType]: { schema: { type: 'string' } } } }),
          },
        ]),
        ...(r.responses[401] ? [] : [['401', { description: 'No or bad token' }]]),
      ]),
    };
  }
  return {
    openapi: '3.1.0',
    info,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

function toSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}
