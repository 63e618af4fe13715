import { Equals } from 'class-validator';

export class DeleteAccountDto {
  /** An explicit yes, so a stray request cannot delete an account. */
  @Equals(true, { message: 'must be true to confirm that the whole account and all its data are deleted' })
  confirm: boolean;
}
