import type { TenantDefinition } from '../../plugin-api/src/index.js';

/** Variables the retention engine hands to every reminder template (`ReminderMailer`); a template may use any of them. */
export const RETENTION_TEMPLATE_VARIABLES = [
  /** The person's display name. */
  'name',
  /** The signed link that answers the reminder. */
  'confirmUrl',
  /** The date the final action runs without an answer, formatted in the mail's locale. */
  'deadline',
  /** inactivate, anonymise or delete. */
  'finalAction',
  /** 1 for the first reminder of a schedule run, 2 for the second, ... */
  'reminderNumber',
] as const;

/**
 * Retention's part of a tenant definition: a reminder template may only need variables the engine
 * fills, or the reminder would go out with holes. The platform runs it at boot with the contract's
 * own checks.
 */
export function retentionDefinitionProblems(def: TenantDefinition): string[] {
  const out: string[] = [];
  for (const s of def.retention ?? [])
    for (const step of s.reminders) {
      const template = def.mail?.templates?.find((t) => t.key === step.template);
      for (const name of template?.variables ?? [])
        if (!(RETENTION_TEMPLATE_VARIABLES as readonly string[]).includes(name))
          out.push(
            `retention schedule "${s.key}": template "${step.template}" needs variable "${name}", which the retention engine does not provide (it provides ${RETENTION_TEMPLATE_VARIABLES.join(', ')})`,
          );
    }
  return out;
}
