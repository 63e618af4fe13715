import { IsDateString, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

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

  @IsString()
  @Length(1, 160)
  jobTitle: string;

  @IsDateString({ strict: true }, { message: 'must be a date (YYYY-MM-DD)' })
  startedOn: string;

  @IsOptional()
  @IsDateString({ strict: true }, { message: 'must be a date (YYYY-MM-DD)' })
  endedOn?: string;
}

export class ChangePlacementDto {
  @IsOptional()
  @IsString()
  @Length(1, 160)
  jobTitle?: string;

  @IsOptional()
  @IsDateString({ strict: true }, { message: 'must be a date (YYYY-MM-DD)' })
  startedOn?: string;

  @IsOptional()
  @IsDateString({ strict: true }, { message: 'must be a date (YYYY-MM-DD)' })
  endedOn?: string;
}

export class ReviewDto {
  @IsInt({ message: 'must be a whole number of stars' })
  @Min(1)
  @Max(5)
  stars: number;

  @IsString()
  @Length(1, 2000)
  assessment: string;
}
