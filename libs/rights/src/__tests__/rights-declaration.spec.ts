import {
  tenantDefinitionProblems,
  type RightsDeclaration,
  type TenantDefinition,
} from '../../../plugin-api/src/index.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';

/** A tenant's rights declaration is checked at boot like the rest of its definition. */
describe('the rights declaration in the plugin contract', () => {
  const withRights = (rights: unknown): TenantDefinition => ({
    ...kandidatenbank,
    rights: rights as RightsDeclaration,
  });

  it('accepts none (staff and tenant admins decide within the month) and a sound working-day promise', () => {
    expect(tenantDefinitionProblems({ ...kandidatenbank, rights: undefined })).toEqual([]);
    expect(
      tenantDefinitionProblems(
        withRights({ deciders: ['staff'], promiseWorkingDays: 10, holidays: 'NL' }),
      ),
    ).toEqual([]);
  });

  it('refuses a promise the month could beat, a calendar it does not know, a role that may not decide, and nobody deciding', () => {
    expect(
      tenantDefinitionProblems(
        withRights({ deciders: ['staff'], promiseWorkingDays: 25, holidays: 'NL' }),
      ),
    ).toEqual([expect.stringContaining('rights.promiseWorkingDays')]);
    expect(
      tenantDefinitionProblems(withRights({ deciders: ['staff'], promiseWorkingDays: 10 })),
    ).toEqual(['rights.holidays is required with promiseWorkingDays']);
    expect(
      tenantDefinitionProblems(
        withRights({ deciders: ['staff'], promiseWorkingDays: 10, holidays: 'BE' }),
      ),
    ).toEqual(['rights.holidays: unknown calendar "BE"']);
    expect(tenantDefinitionProblems(withRights({ deciders: ['employer'] }))).toEqual([
      expect.stringContaining('"employer" may not decide'),
    ]);
    expect(tenantDefinitionProblems(withRights({ deciders: [] }))).toEqual([
      'rights.deciders must name at least one role',
    ]);
  });
});
