import type { Localised } from './fields.js';

/** A policy setting a tenant admin may change, within the tenant's bounds. */
export type PolicySetting =
  | {
      readonly key: string;
      readonly label: Localised;
      readonly type: 'integer';
      readonly default: number;
      readonly min: number;
      readonly max: number;
      readonly unit?: 'days' | 'months' | 'years' | 'count';
    }
  | { readonly key: string; readonly label: Localised; readonly type: 'boolean'; readonly default: boolean }
  | {
      readonly key: string;
      readonly label: Localised;
      readonly type: 'enum';
      readonly default: string;
      readonly options: readonly string[];
    };
