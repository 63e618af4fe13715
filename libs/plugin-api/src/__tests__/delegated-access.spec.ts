import { hallowerk } from '../../../../tenants/hallowerk/hallowerk.tenant.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import type { DelegatedAccessPurpose, TenantDefinition } from '../index.js';
import { tenantDefinitionProblems } from '../validate-tenant-definition.js';

/** visibility.candidateBank.delegatedAccess: what a tenant may declare about dated grants between org units. */
describe('delegated org-unit access in the tenant contract', () => {
  const withDelegation = (base: TenantDefinition, purposes: DelegatedAccessPurpose[], staffScope = base.visibility.candidateBank.staffScope) => ({
    ...base,
    visibility: { ...base.visibility, candidateBank: { ...base.visibility.candidateBank, staffScope, delegatedAccess: purposes } },
  });
  const execution: DelegatedAccessPurpose = { key: 'execution', grantorKinds: ['municipality'], delegateKinds: ['partner-organisation'], maxDays: 366 };

  it('accepts HalloWerk’s declaration as it stands', () => {
    expect(tenantDefinitionProblems(hallowerk)).toEqual([]);
    expect(hallowerk.visibility.candidateBank.delegatedAccess?.map((p) => p.key)).toEqual(['execution', 'support']);
  });

  it('refuses delegation where staff already reach the whole tenant', () => {
    expect(tenantDefinitionProblems(withDelegation(kandidatenbank, [execution], 'tenant'))).toContainEqual(expect.stringMatching(/only with staffScope own-org-units/));
  });

  it('refuses unknown kinds, a kind on both sides, a bad key, an open-ended period and a purpose twice', () => {
    const problems = tenantDefinitionProblems(
      withDelegation(
        hallowerk,
        [
          { ...execution, grantorKinds: ['planet' as never] },
          { ...execution, key: 'support', delegateKinds: ['municipality'] },
          { ...execution, key: 'Bad Key' },
          { ...execution, key: 'forever', maxDays: 0 },
          { ...execution, key: 'maybe', actsForPerson: 'yes' as never },
          execution,
          execution,
        ],
        'own-org-units',
      ),
    );
    for (const expected of [/grantorKinds must name org unit kinds/, /a kind cannot both grant and receive/, /key must be lower-case/, /maxDays must be a whole number/, /actsForPerson must be true or false/, /purpose "execution" declared twice/])
      expect(problems).toContainEqual(expect.stringMatching(expected));
  });
});
