import { ArrayMaxSize, IsArray, IsIn, IsUUID } from 'class-validator';
import { Optional, Text } from '../../../http/src/index.js';

export const APPLICATION_STATUSES = ['submitted', 'in-review', 'rejected', 'hired', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Statuses the recruiters set; `withdrawn` is the applicant's own act and `submitted` the start. */
export const RECRUITER_STATUSES = ['in-review', 'rejected', 'hired'] as const;
export type RecruiterStatus = (typeof RECRUITER_STATUSES)[number];

/** Statuses after which nothing changes any more. */
export const FINAL_STATUSES: readonly ApplicationStatus[] = ['rejected', 'hired', 'withdrawn'];

export class ApplyDto {
  @Text(1, 10000)
  motivation: string;

  /** Ids of documents on the applicant's own profile (CV, certificates); references, not copies. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  documentIds?: string[];
}

export class ChangeApplicationStatusDto {
  @IsIn(RECRUITER_STATUSES)
  status: RecruiterStatus;
}
