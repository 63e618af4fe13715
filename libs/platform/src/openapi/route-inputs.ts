import { ParseUUIDPipe, RequestMethod, type INestApplication } from '@nestjs/common';
import {
  HTTP_CODE_METADATA,
  METHOD_METADATA,
  PARAMTYPES_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ACCESS_RULE, type AccessRule } from '../../../auth/src/index.js';
import { UuidParam } from '../../../profiles/src/index.js';

/** A class whose instances a route receives: a DTO, or a built-in such as String or Object. */
export type InputType = abstract new (...args: never[]) => unknown;

/** One path parameter: its name, and whether a pipe or its DTO requires a UUID. */
export interface PathParam {
  readonly name: string;
  readonly uuid: boolean;
}

/** What a route takes and answers, read from Nest's own metadata (as Nest reads it to call it). */
export interface RouteInputs {
  /** `PATCH /manage/vacancies/:id` */
  readonly route: string;
  readonly method: string;
  readonly path: string;
  /** `ManageVacanciesController.update`, for messages. */
  readonly handler: string;
  readonly rule: AccessRule | null;
  /** The `@Body()` DTO; null without one. `Object` when the body is taken as it comes. */
  readonly body: InputType | null;
  /** The `@Query()` DTO; null without one. `Object` when the query is taken as it comes. */
  readonly query: InputType | null;
  /** A `@Param()` DTO that takes every path parameter at once; null when they come one by one. */
  readonly params: InputType | null;
  readonly pathParams: readonly PathParam[];
  /** The status of a success: `@HttpCode()`, else 201 for POST and 200 for the rest. */
  readonly status: number;
}

interface RouteArg {
  readonly index: number;
  readonly data?: unknown;
  readonly pipes?: readonly unknown[];
}

const join = (...parts: (string | undefined)[]) =>
  '/' +
  parts
    .flatMap((p) => (p ?? '').split('/'))
    .filter(Boolean)
    .join('/');

const requiresUuid = (pipes: readonly unknown[] = []) =>
  pipes.some((p) => p instanceof ParseUUIDPipe || p instanceof UuidParam);

/**
 * Every route of the app with the classes of its body, query and path parameters, found the way
 * Nest finds them: controllers of every module, route metadata on their methods, the argument
 * metadata of `@Body()`, `@Query()` and `@Param()`, and the parameter types TypeScript emitted.
 */
export function routeInputs(app: INestApplication): RouteInputs[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = app.get(Reflector);
  const out = new Map<string, RouteInputs>();
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
    if (!type) continue;
    const prefixes = [Reflect.getMetadata(PATH_METADATA, type) ?? ''].flat() as string[];
    for (const name of scanner.getAllMethodNames(type.prototype)) {
      const fn = (type.prototype as Record<string, Function>)[name];
      const verb = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
      if (verb === undefined) continue;
      const paths = [Reflect.getMetadata(PATH_METADATA, fn) ?? ''].flat() as string[];
      const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [fn, type]) ?? null;
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) ?? {}) as Record<string, RouteArg>;
      const types = (Reflect.getMetadata(PARAMTYPES_METADATA, type.prototype, name) ?? []) as InputType[];
      const argsOf = (kind: RouteParamtypes) =>
        Object.entries(args)
          .filter(([key]) => Number(key.split(':')[0]) === kind && !key.startsWith('__'))
          .map(([, arg]) => ({ ...arg, type: types[arg.index] ?? null }));
      const whole = (kind: RouteParamtypes) => argsOf(kind).find((a) => a.data === undefined)?.type ?? null;
      const method = RequestMethod[verb];
      const code = Reflect.getMetadata(HTTP_CODE_METADATA, fn) as number | undefined;
      const named = new Map(argsOf(RouteParamtypes.PARAM).filter((a) => typeof a.data === 'string').map((a) => [a.data as string, a]));
      const paramsDto = whole(RouteParamtypes.PARAM);
      for (const prefix of prefixes)
        for (const p of paths) {
          const path = join(prefix, p);
          const pathParams = [...path.matchAll(/:(\w+)/g)].map(([, param]) => ({
            name: param,
            uuid: requiresUuid(named.get(param)?.pipes),
          }));
          out.set(`${method} ${path}`, {
            route: `${method} ${path}`,
            method,
            path,
            handler: `${type.name}.${name}`,
            rule,
            body: whole(RouteParamtypes.BODY),
            query: whole(RouteParamtypes.QUERY),
            params: paramsDto,
            pathParams,
            status: code ?? (method === 'POST' ? 201 : 200),
          });
        }
    }
  }
  return [...out.values()].sort((a, b) => a.route.localeCompare(b.route));
}
