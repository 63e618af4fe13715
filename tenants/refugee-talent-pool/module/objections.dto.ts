import { IsIn } from 'class-validator';
import { Optional, Text } from '../../../libs/tenant-host/src/index.js';

export class ObjectionDto {
  /** What the person objects to, in their own words (1 to 4000 characters). */
  @Text(1, 4000)
  reason: string;
}

export const OBJECTION_OUTCOMES = ['processing-stopped', 'processing-continues', 'account-deleted'] as const;

export class ResolveObjectionDto {
  @IsIn(OBJECTION_OUTCOMES)
  outcome: (typeof OBJECTION_OUTCOMES)[number];

  /** Why processing continues (required with `processing-continues`): mailed to the person with the day the restriction ends. */
  @Optional()
  @Text(3, 1000)
  reason?: string;
}

export class ObjectionsQuery {
  @Optional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';
}

export class LiftObjectionHoldDto {
  /** Why the person's processing may resume (3 to 1000 characters): mailed to the person with the day it does. */
  @Text(3, 1000)
  reason: string;
}
