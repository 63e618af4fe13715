import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '../../config/src/index.js';
import { installRateLimits } from './rate-limits.js';

/**
 * Installs the rate limits on the API's Fastify instance while the app initialises: after the
 * tenant hook (so a limit per address knows its tenant) and before the server listens. Nothing in
 * the worker, which serves no HTTP.
 */
@Injectable()
export class RateLimitsSetup implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost?.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addHook) return;
    await installRateLimits(fastify, this.config);
  }
}
