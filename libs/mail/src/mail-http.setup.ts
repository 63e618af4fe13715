import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/** Paths whose tenant is in the path: links in mails are opened by clients that send no tenant header. */
const TENANT_IN_PATH = /^\/mail\/t\/([a-z][a-z0-9-]{1,40})\//;

/**
 * The HTTP details mail needs from Fastify, installed before the server starts: the one-click
 * unsubscribe POST is form-encoded (RFC 8058), delivery reports are multipart/report (RFC 3464),
 * and a link's tenant comes from its path. Nothing here in the worker, which serves no HTTP.
 */
@Injectable()
export class MailHttpSetup implements OnModuleInit {
  constructor(@Optional() private readonly adapterHost?: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost?.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addContentTypeParser) return;
    if (!fastify.hasContentTypeParser('application/x-www-form-urlencoded'))
      fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) =>
        done(null, Object.fromEntries(new URLSearchParams(body as string))),
      );
    for (const type of ['multipart/report', 'message/delivery-status'])
      if (!fastify.hasContentTypeParser(type))
        fastify.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));
    fastify.addHook('onRequest', (req, _reply, done) => {
      const m = TENANT_IN_PATH.exec(req.url);
      // The path wins over any header: the signed token inside is only valid for this tenant anyway.
      if (m) req.headers['x-tenant'] = m[1];
      done();
    });
  }
}
