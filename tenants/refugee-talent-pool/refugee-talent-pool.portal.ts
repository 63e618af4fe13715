import { fileURLToPath } from 'node:url';
import type { PortalDeclaration, PortalPageContext } from '../../libs/plugin-api/src/index.js';
import { assertValidBody, Clock, portalActor } from '../../libs/tenant-host/src/index.js';
import { OwnAccountService } from './module/own-account.service.js';
import { ReviewDto } from './module/reputation.dto.js';
import { ReputationService } from './module/reputation.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Statement 000's reputation: after a job worked, the employer gives stars and an assessment. The
 * jobs of the employer's organisations (as `GET /refugeework/placements`): those that ended and
 * have no assessment yet each get a form; the assessed ones show what was given.
 */
async function loadReviews(ctx: PortalPageContext): Promise<Record<string, unknown>> {
  const today = ctx.service(Clock).now().toISOString().slice(0, 10);
  const jobs = await ctx.service(ReputationService).forEmployer(portalActor(ctx));
  const again = ctx.form.placementId;
  return {
    open: jobs.filter((j) => !j.review && j.endedOn && j.endedOn <= today).map((j) => ({ ...j, again: j.id === again })),
    running: jobs.filter((j) => !j.review && (!j.endedOn || j.endedOn > today)),
    reviewed: jobs.filter((j) => j.review),
  };
}

/** As `POST /refugeework/placements/:id/review`: the same DTO check and use case. */
async function review(ctx: PortalPageContext) {
  const input = { stars: /^\d+$/.test(ctx.form.stars ?? '') ? Number(ctx.form.stars) : ctx.form.stars, assessment: (ctx.form.assessment ?? '').trim() };
  assertValidBody(ReviewDto, input);
  const id = ctx.form.placementId ?? '';
  // Not an id: the same answer as another organisation's job (404).
  await ctx.service(ReputationService).review(portalActor(ctx), UUID.test(id) ? id.toLowerCase() : '00000000-0000-0000-0000-000000000000', input as ReviewDto);
  return { notice: 'rw-reviewed' };
}

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
      'rw.reviews.intro': 'After someone worked for your organisation, you assess the job: stars and a few words. The person sees it in their reputation.',
      'rw.reviews.stars': 'Stars (1 to 5)',
      'rw.reviews.assessment': 'Your assessment',
      'rw.reviews.submit': 'Save the assessment',
      'rw.reviews.none': 'No job is waiting for your assessment.',
      'rw.reviews.running': 'Still running',
      'rw.reviews.done': 'Assessed',
      'rw.reviews.period': '{from} to {to}',
      'notice.rw-reviewed': 'Your assessment has been saved.',
      'rw.my-data.intro': 'Everything RefugeeWork keeps about you. You can change it on your profile, or delete your whole account here.',
      'rw.my-data.delete': 'Delete my account and all my data',
      'rw.my-data.delete-note': 'This cannot be undone. You receive a confirmation by e-mail.',
      'notice.account-deleted': 'Your account and all your data have been deleted.',
      ...Object.fromEntries(PROVINCE_NAMES.map(([key, name]) => [`option.province.${key}`, name])),
    },
    nl: {
      'rw.reviews.intro': 'Als iemand voor uw organisatie heeft gewerkt, beoordeelt u de baan: sterren en een paar woorden. De persoon ziet het in zijn of haar reputatie.',
      'rw.reviews.stars': 'Sterren (1 tot 5)',
      'rw.reviews.assessment': 'Uw beoordeling',
      'rw.reviews.submit': 'Beoordeling opslaan',
      'rw.reviews.none': 'Er wacht geen baan op uw beoordeling.',
      'rw.reviews.running': 'Loopt nog',
      'rw.reviews.done': 'Beoordeeld',
      'rw.reviews.period': '{from} tot {to}',
      'notice.rw-reviewed': 'Uw beoordeling is opgeslagen.',
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
      key: 'reviews',
      title: { en: 'Assess jobs worked', nl: 'Gewerkte banen beoordelen', ar: 'تقييم الوظائف المنجزة' },
      view: 'reviews.hbs',
      access: ['employer'],
      nav: true,
      load: loadReviews,
      actions: { review },
      fieldLabels: { stars: 'rw.reviews.stars', assessment: 'rw.reviews.assessment' },
    },
    {
      key: 'my-data',
      title: { en: 'My data', nl: 'Mijn gegevens', ar: 'بياناتي' },
      view: 'my-data.hbs',
      access: ['jobseeker'],
      nav: true,
      load: async (ctx) => {
        const data = await ctx.service(OwnAccountService).data(portalActor(ctx));
        return { sections: Object.entries(data).map(([name, value]) => ({ name, json: JSON.stringify(value, null, 2) })) };
      },
      actions: {
        delete: async (ctx) => {
          await ctx.service(OwnAccountService).delete(portalActor(ctx));
          return { redirect: '/', notice: 'account-deleted' };
        },
      },
    },
  ],
};
