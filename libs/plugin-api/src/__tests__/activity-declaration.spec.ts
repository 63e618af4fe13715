import { hallowerk } from '../../../../tenants/hallowerk/hallowerk.tenant.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import type { ActivityDeclaration, NudgeRule, TenantDefinition } from '../index.js';
import { tenantDefinitionProblems } from '../validate-tenant-definition.js';

/** `activity`: what a tenant may declare about recording people's use of the platform and nudging them. */
describe('activity and nudges in the tenant contract', () => {
  const withActivity = (base: TenantDefinition, activity: Partial<ActivityDeclaration>): TenantDefinition => ({
    ...base,
    activity: { ...hallowerk.activity!, ...activity },
  });
  const nudge: NudgeRule = { key: 'complete', template: 'nudge-complete-profile', when: { missingAnyOf: ['motivation'] }, atMostEveryDays: 30 };

  it('accepts HalloWerk’s declaration as it stands, and a tenant that declares none', () => {
    expect(tenantDefinitionProblems(hallowerk)).toEqual([]);
    expect((kandidatenbank as TenantDefinition).activity).toBeUndefined();
    expect(tenantDefinitionProblems(kandidatenbank)).toEqual([]);
  });

  it('tracks only the tenant’s own declared mails (core mails: libs/mail/src/__tests__/tracking-definition.spec.ts)', () => {
    const unknown = tenantDefinitionProblems(withActivity(hallowerk, { trackedMails: ['no-such-mail'] }));
    expect(unknown).toContainEqual(expect.stringMatching(/"no-such-mail" is not one of the tenant's mail templates/));
  });

  it('refuses a nudge without a condition, one the person cannot stop, one that presses for special-category data, and nudging more than weekly', () => {
    const problems = tenantDefinitionProblems(
      withActivity(hallowerk, {
        nudges: [
          { ...nudge, key: 'no-condition', when: {} },
          { ...nudge, key: 'unstoppable', template: 'work-found' },
          { ...nudge, key: 'health', when: { missingAnyOf: ['physicalCapacity'] } },
          { ...nudge, key: 'staff-field', when: { missingAnyOf: ['clientNumber'] } },
          { ...nudge, key: 'daily', atMostEveryDays: 1 },
          { ...nudge, key: 'Bad Key' },
          nudge,
          nudge,
        ],
      }),
    );
    for (const expected of [
      /"no-condition": needs a condition/,
      /"unstoppable": template "work-found" must be a reminder or notification/,
      /"health": missingAnyOf field "physicalCapacity" is special-category data/,
      /"staff-field": missingAnyOf field "clientNumber" is not one the person fills in/,
      /"daily": atMostEveryDays must be a whole number of days from 7/,
      /key must be lower-case/,
      /"complete": declared twice/,
    ])
      expect(problems).toContainEqual(expect.stringMatching(expected));
  });

  it('lets only declared delegated-access purposes read activity, and keeps events for a bounded time', () => {
    const problems = tenantDefinitionProblems(withActivity(hallowerk, { staffDelegatedPurposes: ['marketing'], keepDays: 0 }));
    expect(problems).toContainEqual(expect.stringMatching(/"marketing" is not a delegatedAccess purpose/));
    expect(problems).toContainEqual(expect.stringMatching(/keepDays must be a whole number of days from 1 to 3650/));
  });
});
