import type { TenantDefinition } from '../../libs/plugin-api/src/index.js';

const PASSWORD = 'demo-hallowerk-2026';

/**
 * Two labour-market regions with three municipalities, an employer and an execution organisation
 * that no municipality has authorised (so it reaches no one), an account for every role and three
 * pre-filled jobseekers (one of them not visible to employers).
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
    {
      email: 'fatima@inwoner.example',
      password: PASSWORD,
      displayName: 'Fatima El Amrani',
      roles: ['jobseeker'],
      orgUnit: 'rotterdam',
      profile: {
        listed: true,
        fields: {
          firstName: 'Fatima', lastName: 'El Amrani', contactEmail: 'fatima@inwoner.example', phone: '+31 10 123 4567', postcode: '3011 AB',
          targetGroups: ['praktijkroute'], uwvTargetGroupRegister: false,
          clientNumber: 'RTM-100234', gender: 'vrouw', birthDate: '1988-05-12', supportingMunicipality: 'Gemeente Rotterdam',
          supportLevel: 'samen', clientManagerName: 'Karin Klantmanager', tozoGroup: false,
          motivation: 'Ik wil graag in de logistiek werken en daar een vak leren.', preferredOccupations: ['orderpicker', 'heftruckchauffeur'],
        },
      },
    },
    {
      email: 'johan@inwoner.example',
      password: PASSWORD,
      displayName: 'Johan de Wit',
      roles: ['jobseeker'],
      orgUnit: 'schiedam',
      profile: {
        listed: true,
        // Not visible: only the staff of his own region see him.
        visibleToEmployers: false,
        fields: {
          firstName: 'Johan', lastName: 'de Wit', contactEmail: 'johan@inwoner.example', postcode: '3111 CD',
          targetGroups: ['baanafspraak'], uwvTargetGroupRegister: true,
          clientNumber: 'SCH-2001', gender: 'man', birthDate: '1979-11-02', supportingMunicipality: 'Gemeente Schiedam',
          supportLevel: 'volledig-ondersteund', clientManagerName: 'Karin Klantmanager', tozoGroup: false,
        },
      },
    },
    {
      email: 'sanne@inwoner.example',
      password: PASSWORD,
      displayName: 'Sanne Bakker',
      roles: ['jobseeker'],
      orgUnit: 'den-haag',
      profile: {
        listed: true,
        fields: {
          firstName: 'Sanne', lastName: 'Bakker', contactEmail: 'sanne@inwoner.example', postcode: '2511 AA',
          targetGroups: ['bbl'], clientNumber: 'DH-778812', gender: 'vrouw', birthDate: '2001-02-20',
          supportingMunicipality: 'Gemeente Den Haag', supportLevel: 'zelfservice', clientManagerName: 'Dirk Klantmanager', tozoGroup: true,
          interests: 'Zorg en techniek', kindOfWork: 'Iets met mensen, liefst in de zorg.',
        },
      },
    },
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
