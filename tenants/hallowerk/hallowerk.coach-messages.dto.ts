import { Matches } from 'class-validator';
import { Text } from '../../libs/tenant-host/src/index.js';

/** A coach's personal mail to the person: a subject line and the message itself, as plain text. */
export class CoachMessageDto {
  // The subject becomes a mail header: one line, so no text can add a header of its own.
  @Text(1, 150)
  @Matches(/^[^\r\n]*$/, { message: 'must be one line' })
  subject!: string;

  @Text(1, 5000)
  message!: string;
}
