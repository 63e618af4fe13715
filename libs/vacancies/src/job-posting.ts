import type { ContractType, EducationLevel } from './vacancy-options.js';
import type { PublicVacancyView } from './vacancy-view.js';

/** Hours from which schema.org's FULL_TIME applies (a Dutch full-time week is 36 to 40 hours). */
const FULL_TIME_FROM_HOURS = 36;

const EMPLOYMENT_TYPE: Record<ContractType, string | null> = {
  permanent: null,
  temporary: 'TEMPORARY',
  internship: 'INTERN',
  freelance: 'CONTRACTOR',
  volunteer: 'VOLUNTEER',
};

const CREDENTIAL: Record<EducationLevel, string | null> = {
  none: null,
  primary: null,
  secondary: 'high school',
  vocational: 'professional certificate',
  bachelor: 'bachelor degree',
  master: 'postgraduate degree',
  doctorate: 'postgraduate degree',
};

export type JobPostingJsonLd = Record<string, unknown> & { '@context': 'https://schema.org'; '@type': 'JobPosting' };

/** schema.org JobPosting for a public vacancy, for search engines' job listings. */
export function toJobPosting(v: PublicVacancyView): JobPostingJsonLd {
  const employmentType = [v.hours.max >= FULL_TIME_FROM_HOURS ? 'FULL_TIME' : 'PART_TIME'];
  const byContract = EMPLOYMENT_TYPE[v.contractType];
  if (byContract) employmentType.push(byContract);
  const credential = CREDENTIAL[v.educationLevel];
  const posting: JobPostingJsonLd = {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    identifier: { '@type': 'PropertyValue', name: v.employer.name, value: v.id },
    title: v.title,
    description: v.description,
    datePosted: v.datePosted.toISOString(),
    validThrough: v.validThrough.toISOString(),
    employmentType,
    hiringOrganization: { '@type': 'Organization', name: v.employer.name },
    jobLocation: {
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress',
        addressLocality: v.location.city,
        ...(v.location.postcode ? { postalCode: v.location.postcode } : {}),
        ...(v.location.country ? { addressCountry: v.location.country } : {}),
      },
      ...(v.location.latitude !== null
        ? { geo: { '@type': 'GeoCoordinates', latitude: v.location.latitude, longitude: v.location.longitude } }
        : {}),
    },
    workHours: `${v.hours.min}-${v.hours.max} hours per week`,
  };
  if (credential)
    posting.educationRequirements = { '@type': 'EducationalOccupationalCredential', credentialCategory: credential };
  if (v.salary)
    posting.baseSalary = {
      '@type': 'MonetaryAmount',
      currency: v.salary.currency,
      value: {
        '@type': 'QuantitativeValue',
        ...(v.salary.max === null ? { value: v.salary.min } : { minValue: v.salary.min, maxValue: v.salary.max }),
        unitText: v.salary.unit,
      },
    };
  return posting;
}
