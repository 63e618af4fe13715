import { profileCardSql } from '../../../profiles/src/reach-sql.js';
import {
  inLiteral,
  PROJECTED_HIT_FIELDS,
  PROJECTED_PAGE_JOIN,
  SEARCH_PROFILES_PROJECTED,
  swap,
} from './search-projected-fields.sql.js';

/** The card of the page row `s` for an outside (employer, partner) or inside audience. */
const card = (outside: boolean) => inLiteral(profileCardSql('$1', 's.profile_id', String(outside), '$14', '$2', '$13', '$11'));

/**
 * search_profiles as SearchProjectedFields1732209860100 left it (same signature, so its grants
 * stay), with the page's profile rows asked of libs/profiles: app.profile_card returns a hit's
 * state, alias, handle and projected fields, and no row when the profile is no longer listed for
 * the audience, so the re-check of a stale index row now lives with the reach rules it applies.
 * Whether the audience is outside is written into the statement as a constant, as before, so the
 * inlined card keeps only the rule that applies.
 */
export const SEARCH_PROFILES_CARDS = [
  (t: string) => swap(t, 'CREATE FUNCTION app.search_profiles(', 'CREATE OR REPLACE FUNCTION app.search_profiles('),
  (t: string) => swap(t, PROJECTED_HIT_FIELDS, `' ''alias'', p.alias, ''handle'', p.public_handle, ''fields'', p.fields,'`),
  (t: string) =>
    swap(t, PROJECTED_PAGE_JOIN, `' JOIN LATERAL ' || CASE WHEN v_outside THEN ${card(true)} ELSE ${card(false)} END || ' p ON true'`),
].reduce((text, step) => step(text), SEARCH_PROFILES_PROJECTED);

/** search_profiles as SearchProjectedFields1732209860100 left it, for the way down. */
export const SEARCH_PROFILES_PROJECTED_REPLACE = swap(
  SEARCH_PROFILES_PROJECTED,
  'CREATE FUNCTION app.search_profiles(',
  'CREATE OR REPLACE FUNCTION app.search_profiles(',
);
