import { readFileSync } from 'node:fs';
import type { TenantDefinition } from '../../../plugin-api/src/index.js';
import { tenants } from '../../../../tenants/index.js';
import { resumeMappingMarkdown } from '../json-resume.js';
import { processingRegister, registerHtml, registerProblems } from '../processing-register.js';

/**
 * The record of processing activities is generated from each tenant's declaration: a declared field
 * without a purpose, an audience or a retention rule fails here, so the statement and the system
 * cannot drift apart.
 */
describe('processing register (GDPR art. 30)', () => {
  it.each(tenants.map((d) => [d.key, d] as const))(
    '%s: every declared field has a purpose, an audience and a retention rule',
    (_key, def) => {
      expect(registerProblems(def)).toEqual([]);
      const register = processingRegister(def);
      expect(register.problems).toEqual([]);
      const listed = register.activities
        .flatMap((a) => a.categoriesOfData.map((d) => d.key))
        .sort();
      expect(listed).toEqual(def.profile.fields.map((f) => f.key).sort());
      for (const a of register.activities) {
        expect(a.recipients.length).toBeGreaterThan(0);
        expect(a.retention.length).toBeGreaterThan(0);
      }
    },
  );

  it('fails for a field without a purpose, without an audience, or without a retention schedule for its people', () => {
    const base = tenants[0];
    const [first, ...rest] = base.profile.fields;
    const broken: TenantDefinition = {
      ...base,
      profile: {
        ...base.profile,
        fields: [{ ...first, purpose: undefined }, { ...rest[0], read: [] }, ...rest.slice(1)],
      },
    };
    expect(registerProblems(broken)).toEqual([
      `field "${first.key}" declares no purpose`,
      `field "${rest[0].key}" declares no audience`,
    ]);
    const noSchedule: TenantDefinition = {
      ...base,
      retention: base.retention.filter((s) => s.personKind !== 'jobseeker'),
    };
    expect(registerProblems(noSchedule)).toContain(
      `field "${first.key}" has no retention schedule`,
    );
  });

  it('changes version when the declaration changes, and renders as HTML with every purpose', () => {
    const def = tenants[0];
    const before = processingRegister(def);
    const changed = processingRegister({
      ...def,
      profile: { ...def.profile, fields: def.profile.fields.slice(1) },
    });
    expect(changed.version).not.toBe(before.version);
    const html = registerHtml(before);
    for (const a of before.activities) expect(html).toContain(a.purpose);
    expect(html).toContain('<h1>Record of processing activities');
  });

  it('states who decides requests, the answer term and the notice before a restriction is lifted, as each tenant declares them', () => {
    const byKey = new Map(tenants.map((d) => [d.key, processingRegister(d)]));
    expect(byKey.get('winwinwerkt')!.dataSubjectRights).toMatchObject({
      answeredWithin: expect.stringContaining('10 working days'),
      liftNoticeWorkingDays: 5,
      holidays: 'NL',
    });
    expect(byKey.get('hallowerk')!.dataSubjectRights.deciders).toEqual(['staff']);
    const kandidatenbank = tenants.find((d) => d.key === 'kandidatenbank')!;
    const notice = processingRegister({ ...kandidatenbank, rights: { deciders: ['staff'], liftNoticeWorkingDays: 3 } });
    expect(notice.dataSubjectRights).toMatchObject({ liftNoticeWorkingDays: 3, answeredWithin: expect.stringContaining('one month') });
    expect(registerHtml(notice)).toContain('lifted 3 working days');
    expect(notice.version).not.toBe(byKey.get('kandidatenbank')!.version);
  });

  it.each(tenants.map((d) => [d.key, d] as const))(
    '%s: the published register under docs/rights/registers is the one generated from the current declaration',
    (key, def) => {
      const dir = new URL('../../../../docs/rights/registers/', import.meta.url);
      const hint =
        'run: node --import ./test/support/process/register-ts.mjs apps/tools/write-rights-registers.ts';
      const json = readFileSync(new URL(`${key}.json`, dir), 'utf8');
      expect([hint, json]).toEqual([hint, `${JSON.stringify(processingRegister(def), null, 2)}\n`]);
      expect(readFileSync(new URL(`${key}.html`, dir), 'utf8')).toBe(
        registerHtml(processingRegister(def)),
      );
    },
  );

  it('the published JSON Resume mapping (docs/rights/json-resume.md) is the one the declarations make', () => {
    const hint =
      'run: node --import ./test/support/process/register-ts.mjs apps/tools/write-rights-registers.ts';
    const page = readFileSync(new URL('../../../../docs/rights/json-resume.md', import.meta.url), 'utf8');
    expect([hint, page]).toEqual([hint, resumeMappingMarkdown(tenants)]);
  });
});

