import {
  tenantDefinitionProblems,
  type RightsDeclaration,
  type TenantDefinition,
} from '../../../plugin-api/src/index.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import { tenants as registeredTenants } from '../../../../tenants/index.js';

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
    expect(tenantDefinitionProblems(withRights({ deciders: ['staff'], openedBy: 'full-name' }))).toEqual([
      'rights.openedBy must be one of organisation-and-role, name',
    ]);
    expect(tenantDefinitionProblems(withRights({ deciders: ['staff'], openedBy: 'name' }))).toEqual([]);
    expect(tenantDefinitionProblems(withRights({ deciders: [] }))).toEqual([
      'rights.deciders must name at least one role',
    ]);
  });

  it('takes a notice before a restriction is lifted in whole working days from 1 to 20, and refuses anything else', () => {
    for (const days of [1, 5, 20])
      expect(tenantDefinitionProblems(withRights({ deciders: ['staff'], liftNoticeWorkingDays: days }))).toEqual([]);
    for (const days of [0, -1, 2.5, 21, '5'])
      expect(tenantDefinitionProblems(withRights({ deciders: ['staff'], liftNoticeWorkingDays: days }))).toEqual([
        'rights.liftNoticeWorkingDays must be a whole number from 1 to 20',
      ]);
  });

  it('names the kinds of org unit that handle requests with known kinds only, and at least one when given', () => {
    expect(tenantDefinitionProblems(withRights({ deciders: ['staff'], handlerUnitKinds: ['municipality'] }))).toEqual([]);
    expect(tenantDefinitionProblems(withRights({ deciders: ['staff'], handlerUnitKinds: [] }))).toEqual([
      'rights.handlerUnitKinds must name at least one kind of org unit, or be left out',
    ]);
    expect(tenantDefinitionProblems(withRights({ deciders: ['staff'], handlerUnitKinds: ['municipality', 'galaxy'] }))).toEqual([
      expect.stringContaining('rights.handlerUnitKinds: unknown org unit kind "galaxy"'),
    ]);
  });

  it('every registered tenant maps its CV to JSON Resume with fields its profile declares', () => {
    for (const def of registeredTenants) {
      expect(tenantDefinitionProblems(def)).toEqual([]);
      if (def.profile.fields.some((f) => f.type === 'object-list')) expect(def.rights?.resume).toBeDefined();
    }
  });

  it('refuses a resume mapping naming a field the profile lacks, a list field for one value, an item field the list lacks, or a key JSON Resume does not have', () => {
    const resume = (mapping: unknown) => withRights({ deciders: ['staff'], resume: mapping });
    expect(tenantDefinitionProblems(resume({ name: ['firstName', 'nickname'] }))).toEqual([
      'rights.resume.name[1]: no profile field "nickname"',
    ]);
    expect(tenantDefinitionProblems(resume({ summary: 'workExperience' }))).toEqual([
      'rights.resume.summary: "workExperience" is a object-list field, not a single value',
    ]);
    expect(
      tenantDefinitionProblems(resume({ work: { field: 'workExperience', items: { position: 'job', salary: 'role' } } })),
    ).toEqual([
      'rights.resume.work.items.position: "workExperience" has no item field "job"',
      'rights.resume.work.items.salary is not a JSON Resume work key',
    ]);
    expect(tenantDefinitionProblems(resume({ education: { field: 'summary', items: {} } }))).toEqual([
      'rights.resume.education.field: "summary" is not an object-list field of the profile',
    ]);
  });
});

