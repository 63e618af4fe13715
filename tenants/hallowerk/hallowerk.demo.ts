import type { TenantDefinition } from '../../libs/plugin-api/src/index.js';

const PASSWORD = 'demo-hallowerk-2026';

/**
 * Two labour-market regions with three municipalities, an employer and an execution organisation
 * that no municipality has authorised (so it reaches no one), and an account for every role.
 */
export const hallowerkDemo: NonNullable<TenantDefinition['demo']> = {
  orgUnits: [
    { key: 'rotterdam-rijnmond', name: 'Arbeidsmarktregio Rijnmond', kind: 'region' },
    { key: 'haaglanden', name: 'Arbeidsmarktregio Haaglanden', kind: 'region' },
    { key: 'rotterdam', name: 'Gemeente Rotterdam', kind: 'municipality', parent: 'rotterdam-rijnmond' },
    { key: 'schiedam', name: 'Gemeente Schiedam', kind: 'municipality', parent: 'rotterdam-rijnmond' },
    { key: 'den-haag', name: 'Gemeente Den Haag', kind: 'municipality', parent: 'haaglanden' },
    { key: 'havenbedrijf', name: 'Havenlogistiek Zuid BV', kind: 'employer' },
    { key: 'werkbedrijf', name: 'Uitvoeringsorganisatie Werkbedrijf', kind: 'partner-organisation' },
  ],
  accounts: [
    { email: 'klantmanager@rotterdam.hallowerk.example', password: PASSWORD, displayName: 'Karin Klantmanager', roles: ['staff'], orgUnit: 'rotterdam' },
    { email: 'klantmanager@denhaag.hallowerk.example', password: PASSWORD, displayName: 'Dirk Klantmanager', roles: ['staff'], orgUnit: 'den-haag' },
    { email: 'accountmanager@rijnmond.hallowerk.example', password: PASSWORD, displayName: 'Anouk Accountmanager', roles: ['staff', 'partner'], orgUnit: 'rotterdam-rijnmond' },
    { email: 'werkgever@havenlogistiek.example', password: PASSWORD, displayName: 'Wim Werkgever', roles: ['employer'], orgUnit: 'havenbedrijf' },
    { email: 'medewerker@werkbedrijf.example', password: PASSWORD, displayName: 'Ellen Uitvoering', roles: ['staff'], orgUnit: 'werkbedrijf' },
  ],
  vacancies: [
    {
      orgUnit: 'havenbedrijf',
      title: 'Medewerker logistiek',
      description: 'Havenlogistiek Zuid zoekt een medewerker logistiek voor het laden en lossen in de Rotterdamse haven. Ervaring is niet nodig: je leert het vak op de werkvloer, ook via een BBL-traject.',
      city: 'Rotterdam',
      hours: { min: 24, max: 38 },
      contractType: 'temporary',
      educationLevel: 'vocational',
    },
  ],
};
