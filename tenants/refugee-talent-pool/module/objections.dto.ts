import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class ObjectionDto {
  @IsString()
  @Length(1, 4000, { message: 'must say what you object to (1 to 4000 characters)' })
  reason: string;
}

export const OBJECTION_OUTCOMES = ['processing-stopped', 'processing-continues', 'account-deleted'] as const;

export class ResolveObjectionDto {
  @IsIn(OBJECTION_OUTCOMES)
  outcome: (typeof OBJECTION_OUTCOMES)[number];
}

export class ObjectionsQuery {
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';
}
