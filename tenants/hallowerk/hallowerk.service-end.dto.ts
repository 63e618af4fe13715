import { IsUUID } from 'class-validator';

export class ServiceEndParams {
  @IsUUID('all', { message: 'must be a person id (uuid)' })
  personId!: string;
}
