import type { ContractType, EducationLevel, SalaryUnit, VacancyStatus } from './vacancy-options.js';

/** A vacancy as the people who manage it see it. */
export interface VacancyView {
  id: string;
  employer: { id: string; name: string };
  title: string;
  description: string;
  location: { city: string; postcode: string | null; country: string | null; latitude: number | null; longitude: number | null };
  hours: { min: number; max: number };
  contractType: ContractType;
  educationLevel: EducationLevel;
  salary: { min: number; max: number | null; currency: string; unit: SalaryUnit } | null;
  contactRecruiters: { id: string; name: string }[];
  status: VacancyStatus;
  /** The label (brand site) it is published on; null for the tenant's own site. */
  label: string | null;
  publishFrom: Date | null;
  publishUntil: Date;
  publishedAt: Date | null;
  postedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What anyone on the tenant's site sees: no workflow state, contacts by name only. */
export type PublicVacancyView = Omit<
  VacancyView,
  'status' | 'label' | 'publishFrom' | 'publishedAt' | 'createdAt' | 'updatedAt' | 'contactRecruiters' | 'postedAt' | 'publishUntil'
> & {
  contactRecruiters: { name: string }[];
  datePosted: Date;
  validThrough: Date;
};

/**
 * The columns every vacancy read needs, with the employer's name and the named contacts. The
 * caller passes the tenant id as $1 and appends its WHERE on `v` (and must filter v.tenant_id = $1
 * itself). The contacts subquery names $1 rather than the outer row's tenant_id: Citus routes a
 * query to one shard only when every subquery has its own plain filter (docs/scaling.md).
 */
export const VACANCY_SELECT = `
  SELECT v.id, v.org_unit_id, o.name AS employer_name, v.title, v.description, v.city, v.postcode, v.country,
         v.latitude, v.longitude, v.hours_min, v.hours_max, v.contract_type, v.education_level,
         v.salary_min::float8 AS salary_min, v.salary_max::float8 AS salary_max, v.salary_currency, v.salary_unit,
         v.status, v.label, v.publish_from, v.publish_until, v.published_at, v.posted_at, v.created_at, v.updated_at,
         (extract(epoch FROM v.posted_at) * 1000000)::bigint::text AS posted_us,
         (extract(epoch FROM v.created_at) * 1000000)::bigint::text AS created_us,
         COALESCE((
           SELECT json_agg(json_build_object('id', a.id, 'name', a.display_name) ORDER BY a.display_name, a.id)
             FROM vacancy_contacts c JOIN accounts a ON a.tenant_id = c.tenant_id AND a.id = c.account_id
            WHERE c.tenant_id = $1 AND c.vacancy_id = v.id), '[]'::json) AS contacts
    FROM vacancies v JOIN org_units o ON o.tenant_id = v.tenant_id AND o.id = v.org_unit_id`;

export interface VacancyRow {
  id: string;
  org_unit_id: string;
  employer_name: string;
  title: string;
  description: string;
  city: string;
  postcode: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  hours_min: number;
  hours_max: number;
  contract_type: ContractType;
  education_level: EducationLevel;
  salary_min: number | null;
  salary_max: number | null;
  salary_currency: string | null;
  salary_unit: SalaryUnit | null;
  status: VacancyStatus;
  label: string | null;
  publish_from: Date | null;
  publish_until: Date;
  published_at: Date | null;
  posted_at: Date | null;
  created_at: Date;
  updated_at: Date;
  posted_us: string | null;
  created_us: string;
  contacts: { id: string; name: string }[];
}

export function toVacancyView(r: VacancyRow): VacancyView {
  return {
    id: r.id,
    employer: { id: r.org_unit_id, name: r.employer_name },
    title: r.title,
    description: r.description,
    location: { city: r.city, postcode: r.postcode, country: r.country, latitude: r.latitude, longitude: r.longitude },
    hours: { min: r.hours_min, max: r.hours_max },
    contractType: r.contract_type,
    educationLevel: r.education_level,
    salary:
      r.salary_min === null
        ? null
        : { min: r.salary_min, max: r.salary_max, currency: r.salary_currency!, unit: r.salary_unit! },
    contactRecruiters: r.contacts,
    status: r.status,
    label: r.label,
    publishFrom: r.publish_from,
    publishUntil: r.publish_until,
    publishedAt: r.published_at,
    postedAt: r.posted_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toPublicVacancyView(r: VacancyRow): PublicVacancyView {
  const v = toVacancyView(r);
  return {
    id: v.id,
    employer: v.employer,
    title: v.title,
    description: v.description,
    location: v.location,
    hours: v.hours,
    contractType: v.contractType,
    educationLevel: v.educationLevel,
    salary: v.salary,
    contactRecruiters: v.contactRecruiters.map((c) => ({ name: c.name })),
    datePosted: r.posted_at!,
    validThrough: r.publish_until,
  };
}

/** SQL condition: the vacancy is published and inside its window at $now. */
export const PUBLICLY_VISIBLE = (now: string) =>
  `v.status = 'published' AND v.posted_at <= ${now} AND v.publish_until > ${now}`;

/** SQL condition: the vacancy belongs to the site whose label is the parameter (null: the tenant's own site). */
export const ON_SITE = (label: string) => `v.label IS NOT DISTINCT FROM ${label}::text`;
