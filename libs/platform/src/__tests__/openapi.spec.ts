import { compileErrors, validate } from '@readme/openapi-parser';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { TestApp } from '../../../../test/support/test-app.js';
import { routeInputs, type InputType, type RouteInputs } from '../openapi/route-inputs.js';

type Schema = { $ref?: string; allOf?: Schema[]; properties?: Record<string, Schema>; required?: string[]; [k: string]: unknown };
type Operation = {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
};

/** What class-validator itself says a DTO holds: every property it checks, and those it requires. */
function dtoShape(type: InputType) {
  const metas = getMetadataStorage().getTargetValidationMetadatas(type as unknown as Function, '', true, false);
  const properties = [...new Set(metas.map((m) => m.propertyName))].sort();
  const optional = new Set(metas.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION).map((m) => m.propertyName));
  return { properties, required: properties.filter((p) => !optional.has(p)).sort() };
}

const isDto = (type: InputType | null): type is InputType => !!type && ![Object, String, Number, Boolean, Array].includes(type as never);

/**
 * The OpenAPI document at /docs-json is what generated clients and request validators are built
 * from: it must be valid, and say for every route what it takes (body, path and query parameters,
 * exactly as the DTOs validate them) and what it answers, problem details included.
 */
describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  let routes: RouteInputs[];

  beforeAll(async () => {
    t = await TestApp.boot();
    doc = (await t.http('get', '/docs-json')).body;
    routes = routeInputs(t.app);
  });
  afterAll(() => t?.close());

  const operation = (r: RouteInputs) => doc.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
  const resolve = (schema: Schema): Schema => {
    const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
    return ref ? doc.components.schemas[ref.replace('#/components/schemas/', '')] : schema;
  };

  it('passes a maintained OpenAPI validator with every rule an error', async () => {
    const rules = [
      'array-without-items',
      'duplicate-non-request-body-parameters',
      'duplicate-operation-id',
      'invalid-security-scheme-properties',
      'non-optional-path-parameters',
      'path-parameters-not-in-parameters',
      'path-parameters-not-in-path',
    ] as const;
    const strict = Object.fromEntries(rules.map((r) => [r, 'error'])) as Record<(typeof rules)[number], 'error'>;
    const result = await validate(structuredClone(doc) as never, { validate: { rules: { openapi: strict } } });
    if (!result.valid) throw new Error(compileErrors(result));
    expect(result.warnings).toEqual([]);
  });

  it('documents the body of every route that takes one, with its properties and required list', () => {
    const problems: string[] = [];
    for (const r of routes.filter((x) => x.body !== null)) {
      const body = operation(r)?.requestBody;
      if (!body) {
        problems.push(`${r.route}: no requestBody`);
        continue;
      }
      if (!isDto(r.body)) continue; // a raw body (a delivery report): documented by the route itself
      const schema = resolve(body.content['application/json']?.schema ?? {});
      const expected = dtoShape(r.body);
      const documented = { properties: Object.keys(schema?.properties ?? {}).sort(), required: [...(schema?.required ?? [])].sort() };
      if (JSON.stringify(documented) !== JSON.stringify(expected))
        problems.push(`${r.route}: documents ${JSON.stringify(documented)}, the DTO ${r.body.name} validates ${JSON.stringify(expected)}`);
      for (const [name, property] of Object.entries(schema?.properties ?? {}))
        if (Object.keys(property).length === 0 && name !== 'value') problems.push(`${r.route}: property ${name} has an empty schema`);
    }
    expect(problems).toEqual([]);
  });

  it("lists every property of every query DTO as a query parameter, and every path parameter", () => {
    const problems: string[] = [];
    for (const r of routes) {
      const params = operation(r)?.parameters ?? [];
      if (isDto(r.query)) {
        const { properties, required } = dtoShape(r.query);
        const query = params.filter((p) => p.in === 'query');
        const names = query.map((p) => p.name).sort();
        const requiredNames = query.filter((p) => p.required).map((p) => p.name).sort();
        if (JSON.stringify(names) !== JSON.stringify(properties)) problems.push(`${r.route}: query ${names} but the DTO has ${properties}`);
        if (JSON.stringify(requiredNames) !== JSON.stringify(required)) problems.push(`${r.route}: required query ${requiredNames}, the DTO ${required}`);
      }
      for (const p of r.pathParams)
        if (!params.some((x) => x.in === 'path' && x.name === p.name && x.required)) problems.push(`${r.route}: path parameter ${p.name} missing`);
    }
    expect(problems).toEqual([]);
  });

  it('gives every route its success answer and its refusals as problem details', () => {
    const problems: string[] = [];
    const isProblem = (res?: { content?: Record<string, { schema: Schema }> }) =>
      res?.content?.['application/problem+json']?.schema.$ref === '#/components/schemas/ProblemDetails';
    for (const r of routes) {
      const responses = operation(r)?.responses ?? {};
      if (!responses[String(r.status)]) problems.push(`${r.route}: no ${r.status} answer`);
      if (!isProblem(responses.default)) problems.push(`${r.route}: errors are not documented as problem details`);
      if (r.rule?.kind !== 'public' && !isProblem(responses['401'])) problems.push(`${r.route}: no 401`);
      if (r.rule?.kind === 'roles' && !isProblem(responses['403'])) problems.push(`${r.route}: no 403`);
      if ((isDto(r.body) || isDto(r.query)) && !isProblem(responses['400'])) problems.push(`${r.route}: no 400`);
    }
    expect(problems).toEqual([]);
    expect(doc.components.schemas.ProblemDetails.required).toEqual(['type', 'title', 'status']);
  });

  it('says which fields may be null to clear them, and which may not be null at all', () => {
    const update = doc.components.schemas.UpdateVacancyDto.properties!;
    expect(update.salary.nullable).toBe(true);
    expect(update.title.nullable).toBeUndefined();
    expect(doc.components.schemas.SalaryDto.properties!.min).toMatchObject({ type: 'number', maximum: 9999999999.99 });
  });
});
