import type { TenantDefinition } from '../../libs/plugin-api/src/index.js';
import { WinWinWerktDemoSeeder } from './winwinwerkt.demo-seeder.js';

const PASSWORD = 'demo-winwinwerkt-2026';

/**
 * WinWinWerkt with its labels (their host names lead to the same tenant: try
 * vacatureservicemkb.localhost or onbekendtalent.localhost), a reintegration partner of Onbekend
 * Talent (the coach organisation), a client and candidates who are available, passive, and who
 * chose a three-monthly reminder; label vacancies on Vacature Service MKB and 65plus Werkt, and
 * through the seeder an Etalage entry, advertisers' vacancies and relations. "Niet meer beschikbaar + altijd" leaves nothing to seed: it
 * deletes the person (try it with POST /winwinwerkt/me/leave-for-good).
 */
export const winwinwerktDemo: NonNullable<TenantDefinition['demo']> = {
  orgUnits: [
    { key: 'winwinwerkt', name: 'WinWinWerkt', kind: 'team' },
    { key: 'reintegratie-op-maat', name: 'Re-integratie op Maat (netwerkpartner Onbekend Talent)', kind: 'partner-organisation' },
    { key: 'bakkerij-de-korenschoof', name: 'Bakkerij De Korenschoof BV', kind: 'employer' },
  ],
  accounts: [
    { email: 'recruiter@winwinwerkt.example', password: PASSWORD, displayName: 'Michal Recruiter', roles: ['staff'], orgUnit: 'winwinwerkt' },
    { email: 'beheer@winwinwerkt.example', password: PASSWORD, displayName: 'Beheerder WinWinWerkt', roles: ['tenant-admin'] },
    { email: 'coach@reintegratieopmaat.example', password: PASSWORD, displayName: 'Carla Coach', roles: ['partner'], orgUnit: 'reintegratie-op-maat' },
    { email: 'hr@korenschoof.example', password: PASSWORD, displayName: 'Henk HR', roles: ['employer'], orgUnit: 'bakkerij-de-korenschoof' },
    {
      email: 'anna@kandidaat.example',
      password: PASSWORD,
      displayName: 'Anna de Vries',
      roles: ['jobseeker'],
      profile: {
        listed: true,
        fields: { firstName: 'Anna', lastName: 'de Vries', city: 'Utrecht', desiredJob: 'Bakker', availability: 'beschikbaar', summary: 'Ervaren bakker, zoekt een baan overdag.' },
      },
    },
    {
      email: 'piet@kandidaat.example',
      password: PASSWORD,
      displayName: 'Piet Jansen',
      roles: ['jobseeker'],
      profile: {
        listed: true,
        // Passive: "omdat je tijdelijk een baan hebt"; the reminder keeps coming.
        fields: { firstName: 'Piet', lastName: 'Jansen', city: 'Amersfoort', desiredJob: 'Chauffeur', availability: 'passief' },
      },
    },
    {
      email: 'gerda@kandidaat.example',
      password: PASSWORD,
      displayName: 'Gerda Smit',
      roles: ['jobseeker'],
      orgUnit: 'reintegratie-op-maat',
      profile: {
        listed: true,
        // 65plus, guided by the coach organisation, reminded every three months by her own choice.
        fields: { firstName: 'Gerda', lastName: 'Smit', city: 'Zeist', desiredJob: 'Gastvrouw', availability: 'beschikbaar', reminderEveryMonths: 3 },
      },
    },
  ],
  vacancies: [
    {
      orgUnit: 'bakkerij-de-korenschoof',
      title: 'Bakker (dagdienst)',
      description: 'Bakkerij De Korenschoof zoekt via Vacature Service MKB een bakker voor de dagdienst. Je werkt in een klein team en bakt brood en banket voor onze drie winkels.',
      city: 'Utrecht',
      hours: { min: 24, max: 36 },
      contractType: 'permanent',
      educationLevel: 'vocational',
      label: 'vacatureservicemkb',
    },
    {
      orgUnit: 'bakkerij-de-korenschoof',
      title: 'Winkelmedewerker (ochtenden)',
      description: 'De Korenschoof zoekt via 65plus Werkt een ervaren winkelmedewerker voor de vroege ochtenden: brood verkopen, koffie schenken en een praatje maken.',
      city: 'Zeist',
      hours: { min: 8, max: 16 },
      contractType: 'temporary',
      educationLevel: 'secondary',
      label: 'plus65werkt',
    },
    {
      orgUnit: 'bakkerij-de-korenschoof',
      title: 'Leerling-banketbakker',
      description: 'Leer het vak bij De Korenschoof: een leerwerkplek op de site van WinWinWerkt zelf, met een vaste begeleider in de bakkerij.',
      city: 'Utrecht',
      hours: { min: 32, max: 38 },
      contractType: 'permanent',
      educationLevel: 'vocational',
    },
  ],
  // The Etalage entry, advertisers' vacancies and relations live in WinWinWerkt's own tables.
  seeder: WinWinWerktDemoSeeder,
};
