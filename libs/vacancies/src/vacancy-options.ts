/** Closed lists a vacancy is described with; the schema.org mapping lives in job-posting.ts. */
export const CONTRACT_TYPES = ['permanent', 'temporary', 'internship', 'freelance', 'volunteer'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export const EDUCATION_LEVELS = ['none', 'primary', 'secondary', 'vocational', 'bachelor', 'master', 'doctorate'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export const VACANCY_STATUSES = ['draft', 'published', 'closed'] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];

export const SALARY_UNITS = ['HOUR', 'WEEK', 'MONTH', 'YEAR'] as const;
export type SalaryUnit = (typeof SALARY_UNITS)[number];

/** Hours per week a vacancy can ask for; the working-time rules cap a week at 60. */
export const MAX_WEEKLY_HOURS = 60;
