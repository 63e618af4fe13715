import type { FieldDefinition, TenantDefinition } from '../../../plugin-api/src/index.js';
import { kandidatenbank } from '../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import { buildSearchDocument, normaliseFilterValue } from '../search-document.js';

const EMPLOYER_READ = ['self', 'staff', 'employer'] as const;

/** What may go into the employer-facing index, decided per field, state and consent. */
describe('the searchable content of a profile', () => {
  const fields: FieldDefinition[] = [
    {
      key: 'name',
      label: 'Name',
      type: 'string',
      read: [...EMPLOYER_READ],
      write: ['self'],
      identifying: true,
      searchable: 'text',
    },
    {
      key: 'headline',
      label: 'Job',
      type: 'string',
      read: [...EMPLOYER_READ],
      write: ['self'],
      searchable: 'text',
    },
    {
      key: 'about',
      label: 'About',
      type: 'text',
      read: [...EMPLOYER_READ],
      write: ['self'],
      searchable: 'text',
    },
    {
      key: 'motivation',
      label: 'Motivation',
      type: 'text',
      read: [...EMPLOYER_READ],
      write: ['self'],
      searchable: 'text',
      consent: 'motivation',
    },
    {
      key: 'notes',
      label: 'Notes',
      type: 'text',
      read: ['self', 'staff'],
      write: ['staff'],
      internalOnly: true,
      searchable: 'text',
    },
    {
      key: 'partnerOnly',
      label: 'For partners',
      type: 'text',
      read: ['self', 'staff', 'partner'],
      write: ['self'],
      searchable: 'text',
    },
    {
      key: 'skills',
      label: 'Skills',
      type: 'string-list',
      read: [...EMPLOYER_READ],
      write: ['self'],
      searchable: 'text',
    },
    {
      key: 'jobs',
      label: 'Jobs',
      type: 'object-list',
      itemFields: [
        { key: 'role', type: 'string' },
        { key: 'from', type: 'date' },
      ],
      read: [...EMPLOYER_READ],
      write: ['self'],
      searchable: 'text',
    },
    {
      key: 'postcode',
      label: 'Postcode',
      type: 'postcode',
      read: [...EMPLOYER_READ],
      write: ['self'],
      identifying: true,
      searchable: 'filter',
    },
    {
      key: 'level',
      label: 'Level',
      type: 'enum',
      options: ['MBO', 'HBO'],
      read: [...EMPLOYER_READ],
      write: ['self'],
      searchable: 'filter',
    },
    {
      key: 'hours',
      label: 'Hours',
      type: 'integer',
      read: [...EMPLOYER_READ],
      write: ['self'],
      searchable: 'filter',
    },
  ];
  const def = (candidateBank: Partial<TenantDefinition['visibility']['candidateBank']> = {}) => ({
    profile: { ...kandidatenbank.profile, fields },
    visibility: {
      ...kandidatenbank.visibility,
      candidateBank: { ...kandidatenbank.visibility.candidateBank, ...candidateBank },
    },
  });
  const values = {
    name: 'Fatima El Amrani',
    headline: 'Lasser',
    about: 'Ervaren lasser',
    motivation: 'Ik wil graag werken',
    notes: 'intern',
    partnerOnly: 'begeleiding',
    skills: ['TIG', 'MIG'],
    jobs: [{ role: 'Constructiewerker', from: '2019-01-01' }],
    postcode: '3511 AB',
    level: 'HBO',
    hours: 32,
  };
  const all = (d: ReturnType<typeof buildSearchDocument>) =>
    `${d.weighted.A}\n${d.weighted.B}\n${d.weighted.C}`;

  it('an open profile: readable text by weight, identifying text included, filters normalised', () => {
    const doc = buildSearchDocument(def(), { id: 'p', state: 'active', fields: values }, new Set());
    expect(doc.weighted).toEqual({
      A: 'Fatima El Amrani\nLasser',
      B: 'TIG\nMIG',
      C: 'Ervaren lasser\nConstructiewerker',
    });
    expect(doc.filterTokens).toEqual(['hours=32', 'level=hbo', 'postcode=3511']);
  });

  it('an anonymous profile: nothing identifying, neither as text nor as filter', () => {
    const doc = buildSearchDocument(
      def(),
      { id: 'p', state: 'anonymous', fields: values },
      new Set(),
    );
    expect(all(doc)).not.toMatch(/Fatima|Amrani/);
    expect(doc.filterTokens).toEqual(['hours=32', 'level=hbo']);
  });

  it('identity hidden from employers by the tenant: never identifying, whatever the state', () => {
    for (const employerIdentity of ['never', 'after-connection'] as const) {
      const doc = buildSearchDocument(
        def({ employerIdentity }),
        { id: 'p', state: 'active', fields: values },
        new Set(),
      );
      expect(all(doc)).not.toMatch(/Fatima/);
      expect(doc.filterTokens).not.toContain('postcode=3511');
    }
  });

  it('a consent-bound field only while the consent stands', () => {
    expect(
      all(
        buildSearchDocument(def(), { id: 'p', state: 'active', fields: values }, new Set()),
      ).includes('graag'),
    ).toBe(false);
    expect(
      all(
        buildSearchDocument(
          def(),
          { id: 'p', state: 'active', fields: values },
          new Set(['motivation']),
        ),
      ),
    ).toMatch(/graag/);
  });

  it('never internal notes, and only what every outside searcher may read', () => {
    const employersOnly = all(
      buildSearchDocument(def(), { id: 'p', state: 'active', fields: values }, new Set()),
    );
    expect(employersOnly).not.toMatch(/intern|begeleiding/);
    const withPartners = buildSearchDocument(
      def({ searchers: ['employer', 'partner'] }),
      { id: 'p', state: 'active', fields: values },
      new Set(),
    );
    expect(all(withPartners)).toBe('\n\n');
    expect(withPartners.filterTokens).toEqual([]);
  });

  it('a postcode filters on its four digits only', () => {
    expect(normaliseFilterValue({ type: 'postcode' }, ' 3511ab ')).toBe('3511');
    expect(normaliseFilterValue({ type: 'string' }, '  Den   Haag ')).toBe('den haag');
    expect(normaliseFilterValue({ type: 'integer' }, 32.5)).toBeNull();
  });
});
