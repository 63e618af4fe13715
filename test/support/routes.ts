import { RequestMethod } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import { ACCESS_RULE, type AccessRule } from '../../libs/auth/src/access.decorators.js';

export interface DiscoveredRoute {
  /** `GET /settings/:key`: the method and the full path as registered. */
  readonly route: string;
  readonly method: string;
  readonly path: string;
  /** `SettingsController.set`, for messages. */
  readonly handler: string;
  /** The rule the access guard applies (method over class), or null when there is none. */
  readonly rule: AccessRule | null;
  /** Fastify route config the handler declares (`RateLimited` puts its rate-limit group there). */
  readonly config: Record<string, unknown> | undefined;
}

const join = (...parts: (string | undefined)[]) =>
  '/' +
  parts
    .flatMap((p) => (p ?? '').split('/'))
    .filter(Boolean)
    .join('/');

/**
 * Every route handler registered in the app, found the way Nest finds them (controllers of every
 * module, methods carrying route metadata), so a route added anywhere shows up here.
 */
export function discoverRoutes(app: NestFastifyApplication): DiscoveredRoute[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = app.get(Reflector);
  const out = new Map<string, DiscoveredRoute>();
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
    if (!type) continue;
    const prefixes = [Reflect.getMetadata(PATH_METADATA, type) ?? ''].flat() as string[];
    for (const name of scanner.getAllMethodNames(type.prototype)) {
      const fn = (type.prototype as Record<string, Function>)[name];
      const verb = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
      if (verb === undefined) continue;
      const paths = [Reflect.getMetadata(PATH_METADATA, fn) ?? ''].flat() as string[];
      const rule =
        reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [fn, type]) ?? null;
      for (const prefix of prefixes)
        for (const p of paths) {
          const method = RequestMethod[verb];
          const path = join(prefix, p);
          out.set(`${method} ${path}`, {
            route: `${method} ${path}`,
            method,
            path,
            handler: `${type.name}.${name}`,
            rule,
            config: Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, fn) as Record<string, unknown> | undefined,
          });
        }
    }
  }
  return [...out.values()].sort((a, b) => a.route.localeCompare(b.route));
}
