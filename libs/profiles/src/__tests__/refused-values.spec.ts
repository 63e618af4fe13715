import type { FieldDefinition } from '../../../plugin-api/src/index.js';
import { tenantDefinitionProblems } from '../../../plugin-api/src/index.js';
import { validateProfileFields } from '../profile-fields.validator.js';
import { containsBsn, containsIban, containsPassportNumber, passesElfproef, passesIbanCheck } from '../refused-values.js';
import { tenants } from '../../../../tenants/index.js';

const base = tenants[0];

const all = ['self', 'staff'] as const;
const fields: FieldDefinition[] = [
  { key: 'motivation', label: 'Motivation', type: 'text', read: [...all], write: ['self'], refuses: ['bsn'] },
  { key: 'occupations', label: 'Occupations', type: 'string-list', read: [...all], write: ['self'], refuses: ['bsn'] },
  {
    key: 'jobs',
    label: 'Jobs',
    type: 'object-list',
    itemFields: [{ key: 'role', type: 'string', required: true }, { key: 'description', type: 'text' }],
    read: [...all],
    write: ['self'],
    refuses: ['bsn'],
  },
  { key: 'notes', label: 'Notes', type: 'text', read: [...all], write: ['self'] },
];
const write = (input: Record<string, unknown>) => validateProfileFields(fields, input, { writers: ['self'], mode: 'update' });

/** 111222333 is the textbook valid BSN: 9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3−3 = 66, a multiple of 11. */
const BSN = '111222333';

describe('a free-text field that refuses BSNs (statement 004: "Ook je BSN staat niet in HalloWerk")', () => {
  it('knows a BSN by its nine digits and the elfproef, not by its length alone', () => {
    expect(passesElfproef(BSN)).toBe(true);
    expect(passesElfproef('123456782')).toBe(true);
    expect(passesElfproef('111222334')).toBe(false);
    expect(passesElfproef('000000000')).toBe(false);
  });

  it('finds one written plainly or grouped, but not inside a longer number', () => {
    expect(containsBsn(`mijn bsn is ${BSN}.`)).toBe(true);
    expect(containsBsn('BSN: 1112.22.333')).toBe(true);
    expect(containsBsn('bel 111 222 333')).toBe(true);
    expect(containsBsn(`IBAN NL00BANK0${BSN}9`)).toBe(false);
    expect(containsBsn('bel 0611122233')).toBe(false);
    expect(containsBsn('111222334 is geen bsn')).toBe(false);
  });

  it('refuses it with a problem naming the field, the list item or the item field, and stores nothing', () => {
    const r = write({
      motivation: `Ik ben gemotiveerd, bsn ${BSN}`,
      occupations: ['lasser', `kok ${BSN}`],
      jobs: [{ role: 'kok', description: `ID 111.222.333` }],
    });
    expect(r.values).toEqual({});
    expect(r.problems.map((p) => p.field)).toEqual(['fields.motivation', 'fields.occupations[1]', 'fields.jobs[0].description']);
    for (const p of r.problems) expect(p.reason).toMatch(/citizen service number \(BSN\)/);
  });

  it('accepts nine digits that fail the elfproef, and fields that do not refuse BSNs keep their own rules', () => {
    expect(write({ motivation: 'ordernummer 111222334' }).problems).toEqual([]);
    expect(write({ notes: `${BSN}` }).problems).toEqual([]);
  });

  it('is declared only on free-text fields: the validator refuses it elsewhere and refuses unknown kinds', () => {
    const bad = {
      ...base,
      profile: {
        ...base.profile,
        fields: [
          ...base.profile.fields,
          { key: 'shoeSize', label: 'Shoe size', type: 'integer', read: ['self'], write: ['self'], refuses: ['bsn'] },
          { key: 'remark', label: 'Remark', type: 'text', read: ['self'], write: ['self'], refuses: ['creditcard'] },
        ],
      },
    } as unknown as typeof base;
    expect(tenantDefinitionProblems(bad)).toEqual([
      'field "shoeSize": only free-text and document fields (string, text, string-list, object-list, document) can refuse values, not type integer',
      'field "remark": refuses unknown value kind "creditcard"',
    ]);
  });
});

describe('IBANs and passport numbers (statement 003: "paspoort, Burger Service Nummer en bankrekening" go to the payroll partner only)', () => {
  const payroll: FieldDefinition[] = [
    { key: 'about', label: 'About', type: 'text', read: ['self'], write: ['self'], refuses: ['iban', 'passport'], refusesNote: 'such data goes to the payroll partner' },
  ];
  const check = (about: string) => validateProfileFields(payroll, { about }, { writers: ['self'], mode: 'update' }).problems;

  it('knows an IBAN by its form and the mod-97 check, grouped or not, of any country', () => {
    expect(passesIbanCheck('NL91ABNA0417164300')).toBe(true);
    expect(passesIbanCheck('NL91ABNA0417164301')).toBe(false);
    expect(containsIban('rekening NL91 ABNA 0417 1643 00 graag')).toBe(true);
    expect(containsIban('BE68539007547034.')).toBe(true);
    expect(containsIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(containsIban('NL91 ABNA 0417 1643 01')).toBe(false);
    expect(containsIban('postcode 3011AB, tel 0612345678')).toBe(false);
  });

  it('knows a Dutch passport or identity card number, and not a word followed by a digit', () => {
    expect(containsPassportNumber('paspoort SPECI2014')).toBe(true);
    expect(containsPassportNumber('ID-kaart bx7g9lk82')).toBe(true);
    expect(containsPassportNumber('Heftruck1 Bakker2024 Orderpick9')).toBe(false);
    // The letter O never occurs in such a number.
    expect(containsPassportNumber('OX7G9LK82')).toBe(false);
  });

  it('refuses them with the path of the field and the tenant note on where such data goes', () => {
    const [problem] = check('IBAN NL91ABNA0417164300');
    expect(problem.field).toBe('fields.about');
    expect(problem.reason).toContain('bank account');
    expect(problem.reason).toContain('such data goes to the payroll partner');
    expect(check('paspoortnummer SPECI2014')[0].reason).toContain('passport');
    expect(check('gewoon een verhaal over bakken')).toEqual([]);
  });

  it('a note without refused values, or an empty one, is refused at boot', () => {
    const problems = tenantDefinitionProblems({
      ...base,
      profile: { ...base.profile, fields: [...base.profile.fields, { key: 'x', label: 'X', type: 'text', read: ['self'], write: ['self'], refusesNote: 'elsewhere' }] },
    });
    expect(problems.some((p) => p.includes('refusesNote'))).toBe(true);
  });
});
