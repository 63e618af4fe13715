import { fileURLToPath } from 'node:url';
import type { PortalDeclaration } from '../../libs/plugin-api/src/index.js';
import { OwnAccountService } from './module/own-account.service.js';

/** The provinces by their own (Dutch) names, in every page language. */
const PROVINCE_NAMES: readonly [string, string][] = [
  ['drenthe', 'Drenthe'],
  ['flevoland', 'Flevoland'],
  ['friesland', 'Fryslân'],
  ['gelderland', 'Gelderland'],
  ['groningen', 'Groningen'],
  ['limburg', 'Limburg'],
  ['noord-brabant', 'Noord-Brabant'],
  ['noord-holland', 'Noord-Holland'],
  ['overijssel', 'Overijssel'],
  ['utrecht', 'Utrecht'],
  ['zeeland', 'Zeeland'],
  ['zuid-holland', 'Zuid-Holland'],
];

/**
 * RefugeeWork's portal: English and Dutch, and Arabic, Dari/Farsi and Pashto for the people it
 * serves (right to left; words the platform has no translation for yet appear in English), its
 * accessibility statement, and its own "my data" page: statement 000, "You can view, modify or
 * delete your personal data through your account".
 */
export const refugeeTalentPoolPortal: PortalDeclaration = {
  locales: ['en', 'nl', 'ar', 'fa', 'ps'],
  intro: {
    en: 'RefugeeWork connects refugees with employers. Create your profile; employers see who you are only when you accept their request.',
    nl: 'RefugeeWork brengt vluchtelingen en werkgevers samen. Maak je profiel; werkgevers zien wie je bent pas als je hun verzoek accepteert.',
    ar: 'يربط RefugeeWork اللاجئين بأصحاب العمل. أنشئ ملفك الشخصي؛ لا يرى أصحاب العمل هويتك إلا عندما تقبل طلبهم.',
  },
  texts: {
    en: {
      'nav.my-data': 'My data',
      'rw.my-data.intro': 'Everything RefugeeWork keeps about you. You can change it on your profile, or delete your whole account here.',
      'rw.my-data.delete': 'Delete my account and all my data',
      'rw.my-data.delete-note': 'This cannot be undone. You receive a confirmation by e-mail.',
      'notice.account-deleted': 'Your account and all your data have been deleted.',
      ...Object.fromEntries(PROVINCE_NAMES.map(([key, name]) => [`option.province.${key}`, name])),
    },
    nl: {
      'nav.my-data': 'Mijn gegevens',
      'rw.my-data.intro': 'Alles wat RefugeeWork over je bewaart. Je kunt het wijzigen op je profiel, of hier je hele account verwijderen.',
      'rw.my-data.delete': 'Mijn account en al mijn gegevens verwijderen',
      'rw.my-data.delete-note': 'Dit kan niet ongedaan worden gemaakt. Je krijgt een bevestiging per e-mail.',
      'notice.account-deleted': 'Je account en al je gegevens zijn verwijderd.',
    },
    ar: { 'nav.my-data': 'بياناتي' },
  },
  accessibility: {
    organisation: 'VluchtelingenWerk Nederland',
    status: 'partially-compliant',
    statementDate: '2026-12-01',
    knownIssues: [
      {
        en: 'Texts in Arabic, Dari/Farsi and Pashto are not complete yet; missing texts are shown in English.',
        nl: 'Teksten in het Arabisch, Dari/Farsi en Pasjtoe zijn nog niet compleet; ontbrekende teksten staan in het Engels.',
      },
    ],
    contact: { email: 'toegankelijkheid@refugeework.example', responseDays: 5 },
  },
  viewsDir: fileURLToPath(new URL('./portal', import.meta.url)),
  pages: [
    {
      key: 'my-data',
      title: { en: 'My data', nl: 'Mijn gegevens', ar: 'بياناتي' },
      view: 'my-data.hbs',
      access: ['jobseeker'],
      nav: true,
      load: async (ctx) => {
        const data = await ctx.service(OwnAccountService).data();
        return { sections: Object.entries(data).map(([name, value]) => ({ name, json: JSON.stringify(value, null, 2) })) };
      },
      actions: {
        delete: async (ctx) => {
          await ctx.service(OwnAccountService).delete();
          return { redirect: '/', notice: 'account-deleted' };
        },
      },
    },
  ],
};
