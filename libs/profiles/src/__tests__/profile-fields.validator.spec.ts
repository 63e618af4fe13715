import type { FieldDefinition } from '../../../plugin-api/src/index.js';
import { missingRequiredFields, validateProfileFields, type FieldWriteContext } from '../profile-fields.validator.js';

const everyone = ['self', 'staff', 'tenant-admin'] as const;
const fields: FieldDefinition[] = [
  { key: 'firstName', label: 'First name', type: 'string', required: true, maxLength: 10, read: [...everyone], write: ['self', 'staff'] },
  { key: 'nickname', label: 'Nickname', type: 'string', minLength: 2, pattern: '^[a-z]+$', read: [...everyone], write: ['self'] },
  { key: 'bio', label: 'Bio', type: 'text', maxLength: 20, read: [...everyone], write: ['self'] },
  { key: 'email', label: 'E-mail', type: 'email', read: [...everyone], write: ['self'] },
  { key: 'phone', label: 'Phone', type: 'phone', read: [...everyone], write: ['self'] },
  { key: 'postcode', label: 'Postcode', type: 'postcode', read: [...everyone], write: ['self'] },
  { key: 'birthDate', label: 'Birth date', type: 'date', read: [...everyone], write: ['self'] },
  { key: 'hours', label: 'Hours', type: 'integer', min: 1, max: 40, read: [...everyone], write: ['self'] },
  { key: 'rate', label: 'Rate', type: 'number', min: 0, read: [...everyone], write: ['self'] },
  { key: 'driver', label: 'Licence', type: 'boolean', read: [...everyone], write: ['self'] },
  { key: 'level', label: 'Level', type: 'enum', options: ['mbo', 'hbo'], read: [...everyone], write: ['self'] },
  { key: 'regions', label: 'Regions', type: 'multi-enum', options: ['north', 'south'], maxItems: 2, read: [...everyone], write: ['self'] },
  { key: 'skills', label: 'Skills', type: 'string-list', maxItems: 3, maxLength: 5, read: [...everyone], write: ['self'] },
  {
    key: 'jobs',
    label: 'Jobs',
    type: 'object-list',
    maxItems: 2,
    itemFields: [
      { key: 'role', type: 'string', required: true, maxLength: 8 },
      { key: 'from', type: 'date' },
      { key: 'years', type: 'integer', min: 0, max: 50 },
    ],
    read: [...everyone],
    write: ['self'],
  },
  { key: 'cv', label: 'CV', type: 'document', accept: ['application/pdf'], read: [...everyone], write: ['self'] },
  { key: 'notes', label: 'Notes', type: 'text', read: ['self', 'staff'], write: ['staff'], internalOnly: true },
  { key: 'score', label: 'Score', type: 'integer', read: [...everyone], write: ['system'] },
  { key: 'health', label: 'Health', type: 'text', read: [...everyone], write: ['self', 'staff'], specialCategory: true, consent: 'health' },
];

const self: FieldWriteContext = { writers: ['self'], mode: 'update' };
const problemsOf = (input: unknown, ctx: FieldWriteContext = self) => validateProfileFields(fields, input, ctx).problems;
const valuesOf = (input: unknown, ctx: FieldWriteContext = self) => {
  const r = validateProfileFields(fields, input, ctx);
  expect(r.problems).toEqual([]);
  return r.values;
};

describe('profile field validation', () => {
  it('accepts valid values of every type and normalises them', () => {
    expect(
      valuesOf({
        firstName: '  Sam ',
        nickname: 'sam',
        bio: 'line one\nline two',
        email: 'Sam@Example.NL',
        phone: '+31 6 1234 5678',
        postcode: '1234 ab',
        birthDate: '2000-02-29',
        hours: 32,
        rate: 12.5,
        driver: false,
        level: 'hbo',
        regions: ['north', 'south'],
        skills: [' java', 'sql'],
        jobs: [{ role: 'cook', from: '2020-01-01', years: 3 }],
      }),
    ).toEqual({
      firstName: 'Sam',
      nickname: 'sam',
      bio: 'line one\nline two',
      email: 'sam@example.nl',
      phone: '+31 6 1234 5678',
      postcode: '1234 AB',
      birthDate: '2000-02-29',
      hours: 32,
      rate: 12.5,
      driver: false,
      level: 'hbo',
      regions: ['north', 'south'],
      skills: ['java', 'sql'],
      jobs: [{ role: 'cook', from: '2020-01-01', years: 3 }],
    });
  });

  it('refuses a field the tenant did not declare', () => {
    expect(problemsOf({ salary: 100 })).toEqual([{ field: 'fields.salary', reason: 'is not a field of this profile' }]);
  });

  it('refuses input that is not an object of values', () => {
    for (const input of [null, 'x', [1], 3])
      expect(problemsOf(input)).toEqual([{ field: 'fields', reason: 'must be an object of field values' }]);
  });

  it.each([
    ['firstName', 12, 'must be text'],
    ['firstName', 'abcdefghijk', 'must be at most 10 characters'],
    ['firstName', 'Sam\nSmith', 'must not contain control characters'],
    ['bio', 'x\u0007', 'must not contain control characters'],
    ['nickname', 'a', 'must be at least 2 characters'],
    ['nickname', 'ABC', 'does not have the expected format'],
    ['bio', 'x'.repeat(21), 'must be at most 20 characters'],
    ['email', 'not-an-address', 'must be an e-mail address'],
    ['phone', '12', 'must be a phone number'],
    ['phone', 'call me', 'must be a phone number'],
    ['postcode', '!!!', 'must be a postcode'],
    ['birthDate', '2001-02-29', 'must be a date (YYYY-MM-DD)'],
    ['birthDate', '01-01-2000', 'must be a date (YYYY-MM-DD)'],
    ['hours', 0, 'must be at least 1'],
    ['hours', 41, 'must be at most 40'],
    ['hours', 1.5, 'must be a whole number'],
    ['hours', '8', 'must be a number'],
    ['rate', -1, 'must be at least 0'],
    ['driver', 'yes', 'must be true or false'],
    ['level', 'phd', 'must be one of: mbo, hbo'],
    ['regions', 'north', 'must be a list'],
    ['regions', ['north', 'north'], 'must not repeat a value'],
    ['regions', ['north', 'south', 'north'], 'must have at most 2 items'],
    ['skills', ['a', 'b', 'c', 'd'], 'must have at most 3 items'],
  ])('refuses %s = %j: %s', (key, value, reason) => {
    expect(problemsOf({ [key]: value })).toEqual([{ field: `fields.${key}`, reason }]);
  });

  it('names the offending item of a list', () => {
    expect(problemsOf({ regions: ['north', 'west'], skills: ['toolong', 7, ''] })).toEqual([
      { field: 'fields.regions[1]', reason: 'must be one of: north, south' },
      { field: 'fields.skills[0]', reason: 'must be at most 5 characters' },
      { field: 'fields.skills[1]', reason: 'must be text' },
      { field: 'fields.skills[2]', reason: 'must not be empty' },
    ]);
  });

  it('checks every object-list item: shape, unknown keys, required keys and types', () => {
    expect(
      problemsOf({ jobs: [{ role: 'cook', salary: 5 }, 'cook'] }),
    ).toEqual([
      { field: 'fields.jobs[0].salary', reason: 'is not a field of this item' },
      { field: 'fields.jobs[1]', reason: 'must be an object' },
    ]);
    expect(problemsOf({ jobs: [{ from: '2020-13-01', years: 51 }] })).toEqual([
      { field: 'fields.jobs[0].role', reason: 'is required' },
      { field: 'fields.jobs[0].from', reason: 'must be a date (YYYY-MM-DD)' },
      { field: 'fields.jobs[0].years', reason: 'must be at most 50' },
    ]);
    expect(problemsOf({ jobs: [{ role: 'a' }, { role: 'b' }, { role: 'c' }] })).toEqual([
      { field: 'fields.jobs', reason: 'must have at most 2 items' },
    ]);
  });

  it('refuses documents through field writes: they come from uploads', () => {
    expect(problemsOf({ cv: 'base64...' })).toEqual([{ field: 'fields.cv', reason: 'is a document: upload it instead' }]);
  });

  it('refuses a field the writer may not write, and system fields to everyone', () => {
    expect(problemsOf({ notes: 'x' })).toEqual([{ field: 'fields.notes', reason: 'may only be written by: staff' }]);
    expect(problemsOf({ notes: 'x' }, { writers: ['staff'], mode: 'update' })).toEqual([]);
    for (const writers of [['self'], ['staff'], ['tenant-admin'], ['staff', 'tenant-admin']] as const)
      expect(problemsOf({ score: 3 }, { writers, mode: 'update' })).toEqual([
        { field: 'fields.score', reason: 'is maintained by the platform and cannot be written' },
      ]);
    expect(problemsOf({ nickname: 'abc' }, { writers: ['staff'], mode: 'update' })).toEqual([
      { field: 'fields.nickname', reason: 'may only be written by: self' },
    ]);
  });

  it('records special-category data only once its consent is granted; removing it never needs consent', () => {
    expect(problemsOf({ health: 'asthma' })).toEqual([
      { field: 'fields.health', reason: `needs the person's consent "health" first` },
    ]);
    expect(problemsOf({ health: 'asthma' }, { writers: ['staff'], mode: 'update' })).toHaveLength(1);
    expect(valuesOf({ health: 'asthma' }, { ...self, grantedPurposes: new Set(['health']) })).toEqual({ health: 'asthma' });
    expect(valuesOf({ health: null })).toEqual({ health: null });
  });

  it('treats null and empty values as removal, except for required fields', () => {
    expect(valuesOf({ nickname: null, bio: '  ', skills: [] })).toEqual({ nickname: null, bio: null, skills: null });
    expect(problemsOf({ firstName: null })).toEqual([{ field: 'fields.firstName', reason: 'is required' }]);
    expect(problemsOf({ firstName: '   ' })).toEqual([{ field: 'fields.firstName', reason: 'is required' }]);
  });

  it('requires required fields when creating, not when changing others', () => {
    expect(problemsOf({ nickname: 'abc' }, { writers: ['self'], mode: 'create' })).toEqual([
      { field: 'fields.firstName', reason: 'is required' },
    ]);
    expect(problemsOf({ nickname: 'abc' })).toEqual([]);
  });

  it('reports every problem at once and returns no values when there is any', () => {
    const r = validateProfileFields(fields, { firstName: 'Sam', hours: 99, level: 'x', salary: 1, notes: 'n' }, self);
    expect(r.values).toEqual({});
    expect(r.problems.map((p) => p.field).sort()).toEqual(['fields.hours', 'fields.level', 'fields.notes', 'fields.salary']);
  });

  it('uses the given path prefix', () => {
    expect(validateProfileFields(fields, { x: 1 }, { ...self, path: 'profile' }).problems[0].field).toBe('profile.x');
  });

  it('bounds text even when the tenant declares no maximum', () => {
    expect(problemsOf({ nickname: 'a'.repeat(501) })).toEqual([
      { field: 'fields.nickname', reason: 'must be at most 500 characters' },
    ]);
  });

  it('lists the required fields a profile still misses, documents included', () => {
    const defs: FieldDefinition[] = [
      fields[0],
      { ...fields[14], required: true },
      { ...fields[1], required: true },
    ];
    expect(missingRequiredFields(defs, { firstName: 'Sam', nickname: '' }, () => false)).toEqual([
      { field: 'fields.cv', reason: 'is required before the profile can be listed' },
      { field: 'fields.nickname', reason: 'is required before the profile can be listed' },
    ]);
    expect(missingRequiredFields(defs, { firstName: 'Sam', nickname: 'sam' }, (k) => k === 'cv')).toEqual([]);
  });
});
