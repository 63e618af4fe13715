import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { Optional, Text } from '../../libs/tenant-host/src/index.js';

/** A CSV file as text, and whether only to report what an import would do. */
export class ImportJobseekersDto {
  @ApiProperty({ description: 'The CSV file: a header line of column names (email, clientNumber, firstName, ...), one person a line' })
  @Text(1, 250_000)
  csv!: string;

  @ApiProperty({ required: false, default: false, description: 'Report every problem of every row and write nothing' })
  @Optional()
  @IsBoolean()
  dryRun?: boolean;
}
