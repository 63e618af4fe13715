import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';
// The storage `@Type()` writes to: class-transformer has no export map, so every import of it,
// ESM or not, loads this CommonJS build.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { routeInputs, type InputType, type RouteInputs } from './route-inputs.js';

export type Schema = Record<string, unknown>;
type Operation = {
  parameters?: Schema[];
  requestBody?: Schema;
  responses: Record<string, Schema>;
  security?: Record<string, string[]>[];
  [key: string]: unknown;
};

const REF = '#/components/schemas/';
const PROBLEM = 'ProblemDetails';

/** RFC 9457 problem details, as every error of the API is answered. */
const PROBLEM_DETAILS: Schema = {
  type: 'object',
  description: 'An error, as RFC 9457 problem details (content type application/problem+json).',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', example: 'about:blank' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', minimum: 400, maximum: 599, example: 400 },
    detail: { type: 'string', example: 'The request is not valid' },
    instance: { type: 'string', example: '/manage/vacancies' },
    errors: {
      type: 'array',
      description: 'Each field that was refused, and why.',
      items: {
        type: 'object',
        required: ['field', 'reason'],
        properties: {
          field: { type: 'string', example: 'location.city' },
          reason: { type: 'string', example: 'must not be empty' },
        },
      },
    },
  },
};

/**
 * Converters for the constraints of `input-rules.ts` and for those whose default conversion is not
 * valid OpenAPI 3.0 (`isDefined` becomes `not: {type: null}`): the required list already says it.
 */
const CONVERTERS: Record<string, Schema | ((meta: { constraints: unknown[] }) => Schema)> = {
  isDefined: {},
  textLength: (meta) => ({ type: 'string', minLength: meta.constraints[0], maxLength: meta.constraints[1] }),
  isNotNull: {},
  isNotBlank: { pattern: '\\S' },
  isoDate: { type: 'string', format: 'date' },
  isoDateTime: { type: 'string', format: 'date-time' },
};

const problem = (description: string): Schema => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: `${REF}${PROBLEM}` } } },
});

const isDto = (type: InputType | null): type is InputType =>
  !!type && ![Object, String, Number, Boolean, Array].includes(type as never);

const OPTIONS = {
  refPointerPrefix: REF,
  classTransformerMetadataStorage: defaultMetadataStorage,
  additionalConverters: CONVERTERS,
};

/**
 * The JSON schemas of every class-validator DTO, keyed by class name, with references between them
 * pointing into `components/schemas`.
 */
export function dtoSchemas(): Record<string, Schema> {
  const schemas = validationMetadatasToSchemas(OPTIONS) as Record<string, Schema>;
  for (const schema of Object.values(schemas)) tidy(schema);
  return schemas;
}

/** Classes with validation rules, by name: schemas are keyed by name, so two of one name would merge. */
function classesByName(): Map<string, Set<Function>> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, unknown> };
  const out = new Map<string, Set<Function>>();
  for (const target of storage.validationMetadatas.keys()) out.set(target.name, (out.get(target.name) ?? new Set()).add(target));
  return out;
}

/**
 * The schema of a DTO that declares nothing itself and only inherits (`class X extends
 * PartialType(Y) {}`): class-validator keeps the metadata under the parent, so it is gathered
 * along the prototype chain.
 */
function inheritedSchema(type: InputType): Schema {
  const schema = targetConstructorToSchema(type as unknown as Function, OPTIONS) as Schema;
  tidy(schema);
  return schema;
}

/** Every DTO's schema by class name; `of()` adds a DTO that only inherits its rules. */
export class DtoSchemaSet {
  readonly schemas: Record<string, Schema> = dtoSchemas();

  of(type: InputType): Schema {
    return (this.schemas[type.name] ??= inheritedSchema(type));
  }

  /** The schema a `$ref` (or a one-item `allOf` around it) points to; the schema itself otherwise. */
  resolve(schema: Schema): Schema {
    const ref = (schema.$ref ?? (schema.allOf as Schema[] | undefined)?.[0]?.$ref) as string | undefined;
    return ref ? (this.schemas[ref.slice(REF.length)] ?? {}) : schema;
  }
}

/**
 * OpenAPI 3.0 ignores everything beside a `$ref`: a nullable nested object becomes
 * `allOf: [$ref]` with its siblings. Applied to every property, array items included.
 */
function tidy(schema: Schema): void {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const [key, value] of Object.entries(properties)) properties[key] = wrapRef(value);
}

function wrapRef(schema: Schema): Schema {
  if (schema.items) schema.items = wrapRef(schema.items as Schema);
  if (!schema.$ref || Object.keys(schema).length === 1) return schema;
  const { $ref, ...rest } = schema;
  return { allOf: [{ $ref }], ...rest };
}

/** The names of every schema `name` reaches through `$ref`, itself included. */
function reachable(name: string, schemas: Record<string, Schema>, seen = new Set<string>()): Set<string> {
  if (seen.has(name) || !schemas[name]) return seen;
  seen.add(name);
  const text = JSON.stringify(schemas[name]);
  for (const [, ref] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) reachable(ref, schemas, seen);
  return seen;
}

/** Query parameters, one per property of the query DTO. */
function queryParameters(schema: Schema): Schema[] {
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: property,
  }));
}

function pathParameters(route: RouteInputs, paramsSchema: Schema | null): Schema[] {
  const properties = (paramsSchema?.properties ?? {}) as Record<string, Schema>;
  return route.pathParams.map((p) => ({
    name: p.name,
    in: 'path',
    required: true,
    schema: properties[p.name] ?? (p.uuid ? { type: 'string', format: 'uuid' } : { type: 'string' }),
  }));
}

/** The answers a route may give that its metadata tells: refusals by access rule, input and path. */
function problemResponses(route: RouteInputs, hasJsonBody: boolean): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const takesInput = hasJsonBody || isDto(route.query) || route.pathParams.length > 0 || route.body !== null;
  if (takesInput) out['400'] = problem('The request is not valid: malformed, or a field refused (each one named)');
  if (route.rule?.kind !== 'public') out['401'] = problem('No valid session for this tenant');
  if (route.rule?.kind === 'roles') out['403'] = problem(`Signed in without one of the roles: ${route.rule.roles.join(', ')}`);
  out['404'] = problem(route.pathParams.length ? 'No such tenant, or nothing with this id for the caller' : 'No such tenant');
  if (hasJsonBody) {
    out['413'] = problem('The body is larger than the route accepts');
    out['415'] = problem('The body is not in a content type the route accepts');
    out['422'] = problem('A field breaks a rule of the tenant or of the data it refers to (each one named)');
  }
  out.default = problem('Any other error');
  return out;
}

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/**
 * Completes the document `@nestjs/swagger` builds from the controllers: request bodies, query and
 * path parameters from the class-validator DTOs every route already validates with, problem details
 * for the refusals its access rule and inputs imply, and the bearer scheme on every route that is
 * not public. Routes whose input Nest cannot describe (uploads, raw reports) say so with their own
 * `@ApiBody`/`@ApiConsumes`, which this leaves alone.
 */
export function completeApiDocument(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  const set = new DtoSchemaSet();
  const schemas = set.schemas;
  const components = (document.components ??= {});
  const documented = (components.schemas ??= {}) as Record<string, Schema>;
  const used = new Set<string>();
  const classes = classesByName();
  const use = (type: InputType) => {
    const schema = set.of(type);
    for (const name of reachable(type.name, schemas)) {
      // A route would be documented with another class's rules: refused at boot, with the fix.
      if ((classes.get(name)?.size ?? 0) > 1) throw new Error(`Two DTO classes are named ${name}: rename one, the API document keys schemas by name`);
      used.add(name);
    }
    return schema;
  };

  for (const route of routeInputs(app)) {
    const operation = (document.paths[toOpenApiPath(route.path)] as Record<string, Operation> | undefined)?.[route.method.toLowerCase()];
    if (!operation) throw new Error(`${route.route} (${route.handler}) is missing from the API document`);
    const others = (operation.parameters ?? []).filter((p) => p.in !== 'path' && !(isDto(route.query) && p.in === 'query'));
    const query = isDto(route.query) ? queryParameters(use(route.query)) : [];
    const path = pathParameters(route, isDto(route.params) ? use(route.params) : null);
    operation.parameters = [...path, ...query, ...others];

    const hasJsonBody = isDto(route.body);
    if (isDto(route.body)) {
      use(route.body);
      // Examples a route gives with @ApiBody({ examples }) stay; the schema is the validator's.
      const examples = (operation.requestBody as { content?: Record<string, { examples?: unknown }> } | undefined)?.content?.['application/json']?.examples;
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: { $ref: `${REF}${route.body.name}` }, ...(examples ? { examples } : {}) } },
      };
    }
    operation.responses = { ...problemResponses(route, hasJsonBody), ...operation.responses };
    for (const [status, response] of Object.entries(operation.responses))
      if (!response.description) response.description = status.startsWith('2') ? 'Done' : 'Refused';
    operation.security = route.rule?.kind === 'public' ? [] : [{ bearer: [] }];
  }

  for (const name of used) {
    const swaggerOwn = (documented[name]?.properties ?? {}) as Record<string, Schema>;
    const generated = structuredClone(schemas[name]);
    // Examples and descriptions written with @ApiProperty stay; the shape is the validator's.
    for (const [key, property] of Object.entries((generated.properties ?? {}) as Record<string, Schema>))
      for (const extra of ['example', 'description', 'additionalProperties'] as const)
        if (swaggerOwn[key]?.[extra] !== undefined && property[extra] === undefined) property[extra] = swaggerOwn[key][extra];
    documented[name] = generated;
  }
  documented[PROBLEM] = PROBLEM_DETAILS;
  return document;
}
