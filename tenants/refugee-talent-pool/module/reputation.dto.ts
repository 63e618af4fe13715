import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { IsoDate, Nullable, Optional, Text } from '../../../libs/tenant-host/src/index.js';

export class IdParams {
  @IsUUID('all', { message: 'must be an id (uuid)' })
  id: string;
}

export class PersonParams {
  @IsUUID('all', { message: 'must be a person id (uuid)' })
  personId: string;
}

export class RecordPlacementDto {
  @IsUUID('all', { message: 'must be the id of an employer organisation' })
  employerOrgUnitId: string;

  @Text(1, 160)
  jobTitle: string;

  @IsoDate()
  startedOn: string;

  @Optional()
  @IsoDate()
  endedOn?: string;
}

/** What is left out stays; `endedOn: null` reopens a job recorded as ended. */
export class ChangePlacementDto {
  @Optional()
  @Text(1, 160)
  jobTitle?: string;

  @Optional()
  @IsoDate()
  startedOn?: string;

  @Nullable()
  @IsoDate()
  endedOn?: string | null;
}

export class ReviewDto {
  @IsInt({ message: 'must be a whole number of stars' })
  @Min(1)
  @Max(5)
  stars: number;

  @Text(1, 2000)
  assessment: string;
}
