import { tenantDefinitionProblems as contractProblems, type TenantDefinition } from '../../../plugin-api/src/index.js';
import { retentionDefinitionProblems } from '../definition-check.js';
import { retentionLab } from './support/retention-lab.tenant.js';

// The contract's checks with retention's own, as the platform runs them at boot.
const tenantDefinitionProblems = (def: TenantDefinition) => contractProblems(def, [retentionDefinitionProblems]);

/** What a tenant must declare for the engine to run its schedules: checked at boot, naming the tenant's mistake. */
describe('retention schedules in a tenant definition', () => {
  const withSchedule = (patch: Partial<TenantDefinition['retention'][number]>, extra: Partial<TenantDefinition> = {}) =>
    tenantDefinitionProblems({
      ...retentionLab,
      ...extra,
      retention: [{ ...retentionLab.retention[0], ...patch }, retentionLab.retention[1]],
    } as TenantDefinition);

  it('accepts the lab tenant as declared', () => {
    expect(tenantDefinitionProblems(retentionLab)).toEqual([]);
  });

  it('refuses a reminder template that needs a variable the engine does not fill', () => {
    const problems = tenantDefinitionProblems({
      ...retentionLab,
      mail: {
        ...retentionLab.mail,
        templates: [{ ...retentionLab.mail.templates[0], variables: ['name', 'iban'], sample: { name: 'x', iban: 'y' } }],
      },
    });
    expect(problems).toEqual([
      expect.stringMatching(/retention schedule "jobseeker-idle": template "account-deletion-reminder" needs variable "iban", which the retention engine does not provide/),
    ]);
  });

  it('refuses an adjustment of a setting the schedule does not name, or of a kind the schedule cannot have', () => {
    expect(withSchedule({ adjusts: { windowDays: 'response-window' } })).toEqual([
      'retention schedule "jobseeker-idle": adjusts "windowDays" but it is not in adjustableBy',
    ]);
    const settings = [{ key: 'graceDays', label: 'Grace', type: 'integer' as const, default: 30, min: 1, max: 90, unit: 'days' as const }];
    expect(
      withSchedule({ reminders: [], respondedBy: [], adjustableBy: ['graceDays'], adjusts: { graceDays: 'reminder-interval' } }, { settings }),
    ).toEqual(['retention schedule "jobseeker-idle": setting "graceDays" adjusts the reminder interval but no reminder repeats']);
  });

  it('refuses a setting that is not a period to adjust a schedule with', () => {
    const settings = [{ key: 'strict', label: 'Strict', type: 'boolean' as const, default: true }];
    expect(withSchedule({ adjustableBy: ['strict'] }, { settings })).toEqual([
      'retention schedule "jobseeker-idle": setting "strict" must be an integer in days, months or years to adjust a schedule',
    ]);
  });
});
