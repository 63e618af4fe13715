/**
 * During a rolling deploy the previous release keeps serving requests while the new release's
 * migrations run, so a migration may only add (expand). Removing or reshaping what the old code
 * reads or writes is a separate contract migration, shipped at least one release after the expand
 * step it follows (docs/scaling.md, "Migrations during a rolling deploy").
 */
export interface ContractMigration {
  /** Set on a contract step: the expand migration (class name) whose old shape it removes. */
  readonly contract?: { readonly after: string };
}

/** What would break the release still running, per statement. */
export function unsafeForOldCode(sql: string): string[] {
  const s = sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\s+/g, ' ');
  const reasons: string[] = [];
  if (/\bDROP (TABLE|COLUMN)\b/i.test(s)) reasons.push('drops a column or table the running code may read');
  if (/\bALTER TABLE\b[^;]*\bRENAME\b/i.test(s)) reasons.push('renames what the running code names');
  if (/\bALTER COLUMN \S+ (SET DATA )?TYPE\b/i.test(s)) reasons.push('changes a column type under the running code');
  const tightened =
    /\bSET NOT NULL\b/i.test(s) ||
    (s.match(/\bADD COLUMN\b[^,;]*/gi) ?? []).some((clause) => /\bNOT NULL\b/i.test(clause) && !/\bDEFAULT\b/i.test(clause));
  if (tightened) reasons.push('requires a value the running code does not write');
  return reasons;
}

export const CONTRACT_RULES = {
  /**
   * Migrations written before the platform had a release in production, when every deploy started
   * from an empty database; they are judged by the rule no longer. Never add to this list.
   */
  beforeTheRule: new Set<string>([
    // Moved sign-in failures out of `accounts` in one step; an old release would fail its sign-ins.
    'SignInThrottle1732205110000',
    // Moved the export document into an archive in one step; an old release's exports would fail.
    'RightsExportArchives1732209600340',
  ]),
};
