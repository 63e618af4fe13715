/**
 * Deterministic, realistic candidate profiles for the search benchmark: the same seed gives the
 * same 100,000 people on every run, so figures from two runs compare. Mostly Dutch, partly
 * English, with the skew of a real bank (many drivers and nurses, few actuaries).
 */

/** mulberry32: small, fast, good enough for test data, and reproducible. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
/** Zipf-like: early entries are much more common than late ones. */
const pickSkewed = <T>(rng: Rng, list: readonly T[]): T =>
  list[Math.floor(Math.pow(rng(), 2.2) * list.length)];
const between = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

interface Occupation {
  readonly nl: string;
  readonly en: string;
  readonly skills: readonly string[];
  readonly study: readonly string[];
}

export const OCCUPATIONS: readonly Occupation[] = [
  {
    nl: 'Vrachtwagenchauffeur',
    en: 'Truck driver',
    skills: [
      'rijbewijs CE',
      'internationaal transport',
      'laden en lossen',
      'tachograaf',
      'code 95',
    ],
    study: ['MBO Logistiek', 'Beroepschauffeur'],
  },
  {
    nl: 'Verpleegkundige',
    en: 'Registered nurse',
    skills: ['wondzorg', 'medicatie toedienen', 'thuiszorg', 'ouderenzorg', 'palliatieve zorg'],
    study: ['HBO Verpleegkunde', 'MBO Verpleegkunde'],
  },
  {
    nl: 'Magazijnmedewerker',
    en: 'Warehouse operative',
    skills: ['orderpicken', 'heftruck', 'voorraadbeheer', 'reachtruck', 'scanner'],
    study: ['MBO Logistiek medewerker'],
  },
  {
    nl: 'Software ontwikkelaar',
    en: 'Software developer',
    skills: ['Java', 'TypeScript', 'PostgreSQL', 'React', 'cloud', 'agile'],
    study: ['HBO Informatica', 'WO Computer Science'],
  },
  {
    nl: 'Administratief medewerker',
    en: 'Administrative assistant',
    skills: ['Excel', 'facturatie', 'archivering', 'klantcontact', 'AFAS'],
    study: ['MBO Secretariaat', 'MBO Bedrijfsadministratie'],
  },
  {
    nl: 'Zorgassistent',
    en: 'Care assistant',
    skills: ['persoonlijke verzorging', 'ouderenzorg', 'huishoudelijke hulp', 'dagbesteding'],
    study: ['MBO Helpende Zorg en Welzijn'],
  },
  {
    nl: 'Elektricien',
    en: 'Electrician',
    skills: ['NEN 1010', 'zonnepanelen', 'installatietechniek', 'storingsdienst', 'laadpalen'],
    study: ['MBO Elektrotechniek'],
  },
  {
    nl: 'Kok',
    en: 'Chef',
    skills: ['a la carte', 'HACCP', 'banqueting', 'menu ontwikkelen', 'Italiaanse keuken'],
    study: ['MBO Koksopleiding'],
  },
  {
    nl: 'Klantenservicemedewerker',
    en: 'Customer service agent',
    skills: ['telefonisch klantcontact', 'klachtafhandeling', 'chat', 'CRM', 'Salesforce'],
    study: ['MBO Commercieel medewerker'],
  },
  {
    nl: 'Boekhouder',
    en: 'Bookkeeper',
    skills: ['jaarrekening', 'btw-aangifte', 'Exact Online', 'grootboek', 'salarisadministratie'],
    study: ['HBO Accountancy', 'MBO Financiele beroepen'],
  },
  {
    nl: 'Monteur',
    en: 'Service engineer',
    skills: ['onderhoud', 'storingen verhelpen', 'hydrauliek', 'pneumatiek', 'PLC'],
    study: ['MBO Mechatronica', 'MBO Werktuigbouwkunde'],
  },
  {
    nl: 'Docent',
    en: 'Teacher',
    skills: ['lesgeven', 'didactiek', 'wiskunde', 'Engels', 'mentoraat'],
    study: ['PABO', 'Lerarenopleiding', 'HBO Docent Engels'],
  },
  {
    nl: 'Lasser',
    en: 'Welder',
    skills: ['MIG/MAG lassen', 'TIG lassen', 'constructiewerk', 'tekening lezen', 'RVS'],
    study: ['MBO Constructiewerker'],
  },
  {
    nl: 'Timmerman',
    en: 'Carpenter',
    skills: ['kozijnen', 'renovatie', 'nieuwbouw', 'houtbewerking', 'afbouw'],
    study: ['MBO Timmerman'],
  },
  {
    nl: 'Accountmanager',
    en: 'Account manager',
    skills: ['acquisitie', 'relatiebeheer', 'B2B sales', 'onderhandelen', 'CRM'],
    study: ['HBO Commerciele Economie', 'HBO Bedrijfskunde'],
  },
  {
    nl: 'Logistiek planner',
    en: 'Logistics planner',
    skills: ['ritplanning', 'transportmanagement', 'SAP', 'Excel', 'optimalisatie'],
    study: ['HBO Logistiek', 'MBO Logistiek'],
  },
  {
    nl: 'Schoonmaker',
    en: 'Cleaner',
    skills: ['kantoorschoonmaak', 'glazenwassen', 'hygiene', 'zelfstandig werken'],
    study: ['Vakdiploma schoonmaak'],
  },
  {
    nl: 'Receptionist',
    en: 'Receptionist',
    skills: ['ontvangst', 'telefoon', 'agendabeheer', 'gastvrijheid', 'Engels en Duits'],
    study: ['MBO Hospitality'],
  },
  {
    nl: 'Projectmanager',
    en: 'Project manager',
    skills: ['Prince2', 'Scrum', 'stakeholdermanagement', 'budgetbewaking', 'planning'],
    study: ['HBO Bedrijfskunde', 'WO Bestuurskunde'],
  },
  {
    nl: 'Data analist',
    en: 'Data analyst',
    skills: ['SQL', 'Python', 'Power BI', 'statistiek', 'dashboards'],
    study: ['WO Econometrie', 'HBO Informatica'],
  },
  {
    nl: 'HR adviseur',
    en: 'HR advisor',
    skills: ['verzuimbegeleiding', 'arbeidsrecht', 'werving en selectie', 'AFAS', 'cao'],
    study: ['HBO Personeel en Arbeid'],
  },
  {
    nl: 'Kapper',
    en: 'Hairdresser',
    skills: ['knippen', 'kleuren', 'klantadvies', 'barbier'],
    study: ['MBO Kapper'],
  },
  {
    nl: 'Verkoper',
    en: 'Sales assistant',
    skills: ['kassa', 'winkelinrichting', 'klantadvies', 'voorraad aanvullen'],
    study: ['MBO Verkoper retail'],
  },
  {
    nl: 'Marketing specialist',
    en: 'Marketing specialist',
    skills: ['SEO', 'Google Ads', 'social media', 'content marketing', 'campagnes'],
    study: ['HBO Communicatie', 'HBO Commerciele Economie'],
  },
  {
    nl: 'Fysiotherapeut',
    en: 'Physiotherapist',
    skills: ['revalidatie', 'sportblessures', 'manuele therapie', 'oefentherapie'],
    study: ['HBO Fysiotherapie'],
  },
  {
    nl: 'Beveiliger',
    en: 'Security officer',
    skills: ['toegangscontrole', 'surveillance', 'BHV', 'cameratoezicht'],
    study: ['MBO Beveiliger'],
  },
  {
    nl: 'Actuaris',
    en: 'Actuary',
    skills: ['pensioenen', 'risicomodellen', 'Solvency II', 'R'],
    study: ['WO Actuariele Wetenschappen'],
  },
];

export const CITIES = [
  'Amsterdam',
  'Rotterdam',
  'Den Haag',
  'Utrecht',
  'Eindhoven',
  'Groningen',
  'Tilburg',
  'Almere',
  'Breda',
  'Nijmegen',
  'Apeldoorn',
  'Haarlem',
  'Arnhem',
  'Enschede',
  'Amersfoort',
  'Zaanstad',
  'Den Bosch',
  'Haarlemmermeer',
  'Zwolle',
  'Zoetermeer',
  'Leiden',
  'Maastricht',
  'Dordrecht',
  'Ede',
  'Alphen aan den Rijn',
  'Alkmaar',
  'Emmen',
  'Delft',
  'Venlo',
  'Deventer',
  'Sittard',
  'Helmond',
  'Oss',
  'Hilversum',
  'Heerlen',
  'Leeuwarden',
  'Purmerend',
  'Roosendaal',
  'Schiedam',
  'Vlaardingen',
] as const;

const LEVELS = ['mbo', 'mbo', 'mbo', 'hbo', 'hbo', 'vmbo', 'havo', 'wo', 'vwo'] as const;
const HOURS = [40, 36, 32, 32, 24, 38, 20, 16, 40] as const;
const FIRST = [
  'Sanne',
  'Daan',
  'Emma',
  'Lucas',
  'Julia',
  'Sem',
  'Fenna',
  'Noah',
  'Mila',
  'Liam',
  'Yara',
  'Mohamed',
  'Fatima',
  'Kees',
  'Anouk',
  'Bram',
  'Ilse',
  'Jeroen',
  'Sophie',
  'Ahmed',
];
const LAST = [
  'de Jong',
  'Jansen',
  'de Vries',
  'van den Berg',
  'van Dijk',
  'Bakker',
  'Janssen',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'Yilmaz',
  'El Amrani',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'Dekker',
  'Kok',
];
const COMPANIES = [
  'PostNL',
  'Albert Heijn',
  'Bol.com',
  'Philips',
  'ASML',
  'Rabobank',
  'gemeente Utrecht',
  'Zorggroep Noord',
  'Coolblue',
  'Heijmans',
  'BAM Bouw',
  'Jumbo',
  'NS',
  'KLM',
  'Thuiszorg West',
  'Van der Valk',
  'Ordina',
  'Randstad',
  'DHL Supply Chain',
  'UMC Utrecht',
];
const TRAININGS = [
  'VCA basis',
  'BHV',
  'Heftruckcertificaat',
  'Excel gevorderd',
  'Scrum Master',
  'EHBO',
  'Rijbewijs B',
  'Klantgericht communiceren',
  'Leidinggeven',
  'Time management',
];

const NL_OPENERS = [
  'Ik ben een gemotiveerde {job} met {years} jaar ervaring.',
  'Als ervaren {job} zoek ik een nieuwe uitdaging in de regio {city}.',
  'Enthousiaste {job} die graag in een team werkt.',
  'Na mijn opleiding werk ik al {years} jaar als {job}.',
];
const NL_MIDDLE = [
  'Ik heb veel ervaring met {skill} en {skill2}.',
  'Mijn sterke punten zijn {skill} en zelfstandig werken.',
  "Collega's kennen mij als betrouwbaar, flexibel en leergierig.",
  'Ik werk nauwkeurig en houd van afwisseling in mijn werkzaamheden.',
  'Daarnaast volg ik graag cursussen, zoals {training}.',
];
const EN_OPENERS = [
  'Motivated {job} with {years} years of experience.',
  'Experienced {job} looking for a new challenge around {city}.',
  'Friendly {job} who enjoys working in international teams.',
];
const EN_MIDDLE = [
  'I have worked extensively with {skill} and {skill2}.',
  'My strengths are {skill}, planning and working independently.',
  'Colleagues describe me as reliable, flexible and eager to learn.',
  'I recently completed a course in {training}.',
];

export interface GeneratedProfile {
  readonly state: 'active' | 'anonymous' | 'inactive' | 'draft';
  readonly visibleToEmployers: boolean;
  readonly activatedAt: Date;
  readonly listedUntil: Date;
  readonly updatedAt: Date;
  readonly consented: boolean;
  readonly fields: Record<string, unknown>;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
}

/** One person, from the generator's stream; `now` anchors the listing year. */
export function generateProfile(rng: Rng, now: Date): GeneratedProfile {
  const job = pickSkewed(rng, OCCUPATIONS);
  const english = rng() < 0.3;
  const city = pickSkewed(rng, CITIES);
  const years = String(between(rng, 1, 25));
  const values = {
    job: (english ? job.en : job.nl).toLowerCase(),
    years,
    city,
    skill: pick(rng, job.skills),
    skill2: pick(rng, job.skills),
    training: pick(rng, TRAININGS),
  };
  const openers = english ? EN_OPENERS : NL_OPENERS;
  const middle = english ? EN_MIDDLE : NL_MIDDLE;
  const summary = [
    fill(pick(rng, openers), values),
    ...Array.from({ length: between(rng, 2, 4) }, () => fill(pick(rng, middle), values)),
  ].join(' ');
  const workExperience = Array.from({ length: between(rng, 1, 4) }, () => {
    const other = rng() < 0.75 ? job : pick(rng, OCCUPATIONS);
    return {
      role: english ? other.en : other.nl,
      employer: pick(rng, COMPANIES),
      from: `${between(rng, 2000, 2020)}-0${between(rng, 1, 9)}-01`,
      description: english
        ? `Responsible for ${pick(rng, other.skills)} and ${pick(rng, other.skills)}.`
        : `Verantwoordelijk voor ${pick(rng, other.skills)} en ${pick(rng, other.skills)}.`,
    };
  });
  const activatedAt = new Date(now.getTime() - Math.floor(rng() * 14 * 30.44) * 86_400_000);
  const listedUntil = new Date(activatedAt.getTime() + 365 * 86_400_000);
  const stateRoll = rng();
  return {
    state:
      stateRoll < 0.85
        ? 'active'
        : stateRoll < 0.92
          ? 'anonymous'
          : stateRoll < 0.97
            ? 'inactive'
            : 'draft',
    visibleToEmployers: rng() < 0.9,
    activatedAt,
    listedUntil,
    updatedAt: new Date(
      activatedAt.getTime() + Math.floor(rng() * 60) * 86_400_000 + Math.floor(rng() * 86_400_000),
    ),
    consented: rng() < 0.8,
    fields: {
      firstName: pick(rng, FIRST),
      lastName: pick(rng, LAST),
      phone: `06${String(between(rng, 10_000_000, 99_999_999))}`,
      city,
      postcode: `${between(rng, 1000, 9999)} ${String.fromCharCode(65 + between(rng, 0, 25))}${String.fromCharCode(65 + between(rng, 0, 25))}`,
      headline: english ? job.en : job.nl,
      summary,
      educationLevel: pick(rng, LEVELS),
      hoursPerWeek: pick(rng, HOURS),
      workExperience,
      education: [
        {
          name: pick(rng, job.study),
          institution: rng() < 0.5 ? 'ROC Midden Nederland' : 'Hogeschool Utrecht',
          year: between(rng, 1995, 2024),
        },
      ],
      trainings: Array.from({ length: between(rng, 0, 3) }, () => pick(rng, TRAININGS)),
      staffNotes: rng() < 0.2 ? 'Intern: intake gehad, belt liever na 16:00.' : undefined,
    },
  };
}
