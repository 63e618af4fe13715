import type { ConsentPurpose } from '../../libs/plugin-api/src/index.js';

/** Statement 000, "To match you with a potential employer - your consent" and the talent pool. */
export const refugeeTalentPoolConsents: readonly ConsentPurpose[] = [
  {
    key: 'talentPool',
    label: { en: 'Talent pool', nl: 'Talentenpool' },
    text: {
      en: 'Include my profile in the RefugeeWork talent pool. Employers see it under an alias, with only some of my data; they see my name and contact details only if I accept their request.',
      nl: 'Neem mijn profiel op in de talentenpool van RefugeeWork. Werkgevers zien het onder een alias, met maar een deel van mijn gegevens; mijn naam en contactgegevens zien ze alleen als ik hun verzoek accepteer.',
    },
    version: '2024-01',
    asked: 'once',
    withdrawable: true,
  },
  {
    key: 'photo',
    label: { en: 'Photo', nl: 'Foto' },
    text: {
      en: 'I want to add a photo of myself. It is shown only to employers whose connection request I accept.',
      nl: 'Ik wil een foto van mezelf toevoegen. Die is alleen te zien voor werkgevers van wie ik het verzoek accepteer.',
    },
    version: '2024-01',
    asked: 'once',
    withdrawable: true,
  },
  {
    key: 'video',
    label: { en: 'Introductory video', nl: 'Introductievideo' },
    text: {
      en: 'I want to add an introductory video of myself. It is shown only to employers whose connection request I accept.',
      nl: 'Ik wil een introductievideo van mezelf toevoegen. Die is alleen te zien voor werkgevers van wie ik het verzoek accepteer.',
    },
    version: '2024-01',
    asked: 'once',
    withdrawable: true,
  },
  {
    key: 'shareWithEmployer',
    label: { en: 'Share my full profile with this employer', nl: 'Mijn volledige profiel delen met deze werkgever' },
    text: {
      en: 'I accept this request: this employer may see my full profile, including my name and contact details. Other employers still cannot. I can end this at any time.',
      nl: 'Ik accepteer dit verzoek: deze werkgever mag mijn volledige profiel zien, ook mijn naam en contactgegevens. Andere werkgevers niet. Ik kan dit altijd beëindigen.',
    },
    version: '2024-01',
    asked: 'per-use',
    withdrawable: true,
  },
  {
    key: 'newsletter',
    label: { en: 'Newsletter', nl: 'Nieuwsbrief' },
    text: { en: 'Send me the RefugeeWork newsletter.', nl: 'Stuur mij de nieuwsbrief van RefugeeWork.' },
    version: '2024-01',
    asked: 'once',
    withdrawable: true,
  },
];
