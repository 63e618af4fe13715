import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { assertValidBody } from '../../http/src/index.js';
import { LoginDto } from './auth.dto.js';

/**
 * passport-local behind the body check: guards run before pipes, so without it a malformed login
 * body would be answered as wrong credentials instead of a 400 naming the field.
 */
@Injectable()
export class LocalLoginGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext) {
    assertValidBody(LoginDto, context.switchToHttp().getRequest<FastifyRequest>().body);
    return super.canActivate(context);
  }
}
