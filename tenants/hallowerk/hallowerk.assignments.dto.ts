import { IsIn, IsUUID } from 'class-validator';
import { IsoDate, Optional, Text } from '../../libs/tenant-host/src/index.js';

export const ASSIGNMENT_KINDS = ['career-assignment', 'assessment'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

export class CareerAssignmentParams {
  @IsUUID('all', { message: 'must be an assignment id (uuid)' })
  assignmentId!: string;
}

/** What the coach gives the person to do. */
export class AssignCareerAssignmentDto {
  @IsIn(ASSIGNMENT_KINDS, { message: `must be one of ${ASSIGNMENT_KINDS.join(', ')}` })
  kind!: AssignmentKind;

  @Text(1, 200)
  title!: string;

  @Optional()
  @Text(1, 4000)
  instructions?: string;

  @Optional()
  @IsoDate()
  dueOn?: string;
}

/** The person's work on it: their answers, and the result where the test gives one. */
export class CompleteCareerAssignmentDto {
  @Text(1, 20000)
  answers!: string;

  @Optional()
  @Text(1, 4000)
  result?: string;
}
