import { tenantDefinitionProblems } from '../../../libs/plugin-api/src/index.js';
import { hallowerk } from '../hallowerk.tenant.js';
import { INTERNAL_ONLY_KEYS, SPECIAL_DATA_WARNING } from '../hallowerk.fields.js';

const fields = hallowerk.profile.fields;
const field = (key: string) => fields.find((f) => f.key === key)!;
const keys = (pick: (f: (typeof fields)[number]) => boolean) => fields.filter(pick).map((f) => f.key).sort();
const OUTSIDE = ['employer', 'employer-connected', 'partner', 'public'];

/** Statement 004, "Welke (persoons)gegevens?": the declaration says what the statement lists, to whom. */
describe('statement 004: the hallowerk definition', () => {
  it('is a valid tenant definition, built on the plugin contract alone', () => {
    expect(tenantDefinitionProblems(hallowerk)).toEqual([]);
  });

  it('lets nobody register themself: the municipality creates every account', () => {
    expect(hallowerk.accounts).toEqual({ selfRegistration: false });
  });

  it('keeps the internal-only fields from every outside audience, and the person reads but cannot change them', () => {
    expect(keys((f) => !!f.internalOnly)).toEqual([...INTERNAL_ONLY_KEYS].sort());
    for (const key of INTERNAL_ONLY_KEYS) {
      const f = field(key);
      expect({ key, read: [...f.read].sort(), write: f.write, outside: f.read.filter((a) => OUTSIDE.includes(a)) }).toEqual({
        key,
        read: ['self', 'staff'],
        write: ['staff'],
        outside: [],
      });
    }
  });

  it('shows the target groups (Baanafspraak, Praktijkroute, BBL) to employers, set by the municipality', () => {
    const f = field('targetGroups');
    expect(f.options).toEqual(['baanafspraak', 'praktijkroute', 'bbl']);
    expect([...f.read].sort()).toEqual(['employer', 'partner', 'self', 'staff']);
    expect(f.write).toEqual(['staff']);
  });

  it('lets only the person enter physical capacity, optional and special-category', () => {
    const f = field('physicalCapacity');
    expect({ write: f.write, required: !!f.required, special: f.specialCategory, searchable: f.searchable ?? false }).toEqual({
      write: ['self'],
      required: false,
      special: true,
      searchable: false,
    });
  });

  it('keeps the UWV target-group register as yes or no only: no field can hold the reason', () => {
    expect(field('uwvTargetGroupRegister').type).toBe('boolean');
    expect(keys((f) => /reason|reden|uwv/i.test(f.key))).toEqual(['uwvTargetGroupRegister']);
  });

  it('puts the special-data warning next to every free-text field and upload the person fills, and refuses BSNs in all free text', () => {
    const free = fields.filter((f) => f.write.includes('self') && ['text', 'string-list', 'object-list', 'document'].includes(f.type) && f.key !== 'physicalCapacity');
    expect(free.map((f) => f.key).sort()).toEqual(
      ['cv', 'document', 'interests', 'kindOfWork', 'motivation', 'photo', 'preferredOccupations', 'talents', 'video', 'workHistory'].sort(),
    );
    for (const f of free) expect({ key: f.key, help: f.help }).toEqual({ key: f.key, help: SPECIAL_DATA_WARNING });
    for (const f of free.filter((x) => x.type !== 'document')) expect({ key: f.key, refuses: f.refuses }).toEqual({ key: f.key, refuses: ['bsn'] });
  });

  it('lets employers, intermediaries and account managers reach a profile only while it is visible, and staff only in their own units', () => {
    expect(hallowerk.visibility.candidateBank).toMatchObject({
      searchers: ['employer', 'partner', 'staff'],
      employerAccess: 'all-employers',
      staffScope: 'own-org-units',
    });
    expect(hallowerk.visibility.applications.visibleTo).not.toContain('staff');
  });

  it('keeps a jobseeker 10 years after the end of the service, then deletes', () => {
    const [s] = hallowerk.retention.filter((x) => x.personKind === 'jobseeker');
    expect({ anchor: s.anchor, finalAt: s.finalAt, finalAction: s.finalAction }).toEqual({
      anchor: 'end-of-service',
      finalAt: { years: 10 },
      finalAction: 'delete',
    });
  });

  it('demos two regions with three municipalities', () => {
    const units = hallowerk.demo.orgUnits;
    expect(units.filter((u) => u.kind === 'region')).toHaveLength(2);
    expect(units.filter((u) => u.kind === 'municipality').map((u) => u.parent).sort()).toEqual(['haaglanden', 'rotterdam-rijnmond', 'rotterdam-rijnmond']);
  });
});
