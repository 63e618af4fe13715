import { IsUUID } from 'class-validator';

export class MoveToMunicipalityDto {
  /** The municipality the person now lives in: an org unit of kind municipality. */
  @IsUUID('all', { message: 'must be a municipality id (uuid)' })
  municipalityId!: string;
}
