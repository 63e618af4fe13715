import { AUDIENCES, type Audience, type FieldDefinition, type VisibilityRules } from '../../../plugin-api/src/index.js';
import { addMonths, listedInCandidateBank } from '../candidate-listing.js';
import { identityHiddenFor, projectProfile, type ProjectableProfile } from '../profile-projection.js';

const all = [...AUDIENCES];
const fields: FieldDefinition[] = [
  { key: 'name', label: 'Name', type: 'string', required: true, identifying: true, read: all.filter((a) => a !== 'public'), write: ['self'] },
  { key: 'skill', label: 'Skill', type: 'string', read: all, write: ['self'] },
  { key: 'note', label: 'Note', type: 'text', internalOnly: true, read: ['self', 'staff', 'tenant-admin'], write: ['staff'] },
  { key: 'health', label: 'Health', type: 'text', specialCategory: true, consent: 'health', read: ['self', 'staff', 'tenant-admin', 'employer'], write: ['self'] },
  { key: 'photo', label: 'Photo', type: 'document', accept: ['image/png'], identifying: true, consent: 'photo', read: ['self', 'staff', 'employer'], write: ['self'] },
  { key: 'onlyConnected', label: 'Only connected', type: 'string', read: ['self', 'employer-connected'], write: ['self'] },
];

const bank = (employerIdentity: VisibilityRules['candidateBank']['employerIdentity']) => ({
  profile: { fields, aliasPrefix: 'P', maxDocumentBytes: 10 },
  visibility: {
    candidateBank: { searchers: ['employer'], employerAccess: 'all-employers', employerIdentity, staffScope: 'tenant' },
    applications: { visibleTo: ['staff'] },
  } as VisibilityRules,
});

const profile: ProjectableProfile = {
  id: 'p1',
  state: 'active',
  alias: 'P 123',
  fields: { name: 'Noor', skill: 'welding', note: 'n', health: 'h', onlyConnected: 'c' },
  documents: [{ id: 'd1', fieldKey: 'photo', contentType: 'image/png', byteSize: 3, originalName: 'Noor.png', createdAt: '2026-01-01' }],
};

const seen = (audience: Audience, granted: string[], rule: 'unless-anonymous' | 'after-connection' | 'never' = 'unless-anonymous', p = profile) => {
  const out = projectProfile({ definition: bank(rule), audience, profile: p, grantedPurposes: granted });
  return [...Object.keys(out.fields), ...out.documents.map((d) => `doc:${d.field}`)].sort();
};

describe('profile projection (pure)', () => {
  it('the person and staff see every field they are declared to read, whatever consents or state', () => {
    expect(seen('self', [], 'never', { ...profile, state: 'anonymous' })).toEqual(['doc:photo', 'health', 'name', 'note', 'onlyConnected', 'skill']);
    expect(seen('staff', [], 'never')).toEqual(['doc:photo', 'health', 'name', 'note', 'skill']);
  });

  it('internal-only fields never leave the tenant, consent-bound fields only with consent', () => {
    expect(seen('employer', [])).toEqual(['name', 'skill']);
    expect(seen('employer', ['health', 'photo'])).toEqual(['doc:photo', 'health', 'name', 'skill']);
  });

  it('a connected employer sees what employers see plus what is declared for connected employers', () => {
    expect(seen('employer-connected', [])).toEqual(['name', 'onlyConnected', 'skill']);
  });

  it.each([
    ['unless-anonymous', 'employer', false],
    ['after-connection', 'employer', true],
    ['after-connection', 'employer-connected', false],
    ['after-connection', 'partner', true],
    ['never', 'employer-connected', true],
    ['never', 'staff', false],
  ] as const)('identity rule %s hides identity from %s: %s', (rule, audience, hidden) => {
    expect(identityHiddenFor(bank(rule), audience, 'active')).toBe(hidden);
  });

  it('an anonymous profile hides identity from every outside audience; the alias replaces the name', () => {
    for (const audience of ['employer', 'employer-connected', 'partner', 'public'] as const) {
      expect(identityHiddenFor(bank('unless-anonymous'), audience, 'anonymous')).toBe(true);
      const out = projectProfile({ definition: bank('unless-anonymous'), audience, profile: { ...profile, state: 'anonymous' }, grantedPurposes: ['photo'] });
      expect(out.name).toBe('P 123');
      expect(out.fields).not.toHaveProperty('name');
      expect(out.documents).toEqual([]);
    }
  });

  it('the public never gets identifying or special-category data, even if declared', () => {
    const defs = bank('unless-anonymous');
    const loose = { ...defs, profile: { ...defs.profile, fields: fields.map((f) => ({ ...f, read: all })) } };
    const out = projectProfile({ definition: loose, audience: 'public', profile, grantedPurposes: ['health', 'photo'] });
    expect(Object.keys(out.fields).sort()).toEqual(['onlyConnected', 'skill']);
  });

  it('outsiders never learn state or listing dates', () => {
    const out = projectProfile({ definition: bank('unless-anonymous'), audience: 'employer', profile, grantedPurposes: [] });
    expect(out).not.toHaveProperty('state');
    expect(out).not.toHaveProperty('listedUntil');
  });
});

describe('candidate bank listing', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const def = { visibility: { ...bank('unless-anonymous').visibility, candidateBank: { ...bank('unless-anonymous').visibility.candidateBank, listedFor: { months: 12 }, requiresConsent: 'pool' } } };
  const listed = { state: 'active' as const, visibleToEmployers: true, listedUntil: '2026-12-01T00:00:00Z', processingRestrictedAt: null };

  it('is listed when active or anonymous, visible, within the period and with the bank consent', () => {
    expect(listedInCandidateBank(def, listed, new Set(['pool']), now)).toBe(true);
    expect(listedInCandidateBank(def, { ...listed, state: 'anonymous' }, new Set(['pool']), now)).toBe(true);
  });

  it.each([
    ['draft', { state: 'draft' as const }, ['pool']],
    ['inactive', { state: 'inactive' as const }, ['pool']],
    ['hidden from employers', { visibleToEmployers: false }, ['pool']],
    ['past its period', { listedUntil: '2026-06-01T00:00:00Z' }, ['pool']],
    ['never activated', { listedUntil: null }, ['pool']],
    ['without the consent', {}, []],
    ['while an objection or restriction restricts processing', { processingRestrictedAt: '2026-05-20T00:00:00Z' }, ['pool']],
  ])('is not listed when %s', (_why, change, granted) => {
    expect(listedInCandidateBank(def, { ...listed, ...change }, new Set(granted), now)).toBe(false);
  });

  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addMonths(new Date('2026-01-31T12:00:00Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(addMonths(new Date('2024-02-29T00:00:00Z'), 12).toISOString()).toBe('2025-02-28T00:00:00.000Z');
    expect(addMonths(new Date('2026-03-15T08:00:00Z'), 12).toISOString()).toBe('2027-03-15T08:00:00.000Z');
  });
});
