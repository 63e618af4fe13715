import type { Localised } from './fields.js';

/** A purpose a person can consent to, with the text shown when asking. */
export interface ConsentPurpose {
  readonly key: string;
  readonly label: Localised;
  /** The text shown when asking, per locale; its version is recorded with every grant. */
  readonly text: Localised;
  readonly version: string;
  /** `once`: asked once (talent pool); `per-use`: asked each time (sharing a profile with an employer). */
  readonly asked: 'once' | 'per-use';
  /** Whether the person may withdraw it. Explicit consent under GDPR always may. */
  readonly withdrawable: boolean;
}
