import { IsIn } from 'class-validator';
import { Optional, Text } from '../../../libs/plugin-api/src/server.js';

export class ObjectionDto {
  /** What the person objects to, in their own words (1 to 4000 characters). */
  @Text(1, 4000)
  reason: string;
}

export const OBJECTION_OUTCOMES = ['processing-stopped', 'processing-continues', 'account-deleted'] as const;

export class ResolveObjectionDto {
  @IsIn(OBJECTION_OUTCOMES)
  outcome: (typeof OBJECTION_OUTCOMES)[number];
}

export class ObjectionsQuery {
  @Optional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';
}
