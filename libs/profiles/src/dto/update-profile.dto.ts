import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsObject } from 'class-validator';

/** Field values by key; `null` removes a value. Checked against the tenant's field declarations. */
export class UpdateProfileDto {
  @ApiProperty({ type: 'object', additionalProperties: true, example: { headline: 'Lasser', hoursPerWeek: 32 } })
  @IsObject({ message: 'must be an object of field values' })
  fields: Record<string, unknown>;
}

export class ProfileVisibilityDto {
  @ApiProperty()
  @IsBoolean()
  visibleToEmployers: boolean;
}
