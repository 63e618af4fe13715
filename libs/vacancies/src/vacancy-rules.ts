import type { FieldProblem } from '../../http/src/index.js';
import type { ContractType, EducationLevel, SalaryUnit, VacancyStatus } from './vacancy-options.js';

/** A vacancy's writable state after a create or an update has been merged in. */
export interface VacancyState {
  orgUnitId: string;
  title: string;
  description: string;
  city: string;
  postcode: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  hoursMin: number;
  hoursMax: number;
  contractType: ContractType;
  educationLevel: EducationLevel;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryCurrency: string | null;
  salaryUnit: SalaryUnit | null;
  status: VacancyStatus;
  label: string | null;
  publishFrom: Date | null;
  publishUntil: Date;
}

/** Rules across fields that a single-field decorator cannot express; each names its field. */
export function crossFieldProblems(s: VacancyState, now: Date): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (s.hoursMin > s.hoursMax) out.push({ field: 'hours.max', reason: 'must not be below hours.min' });
  if ((s.latitude === null) !== (s.longitude === null))
    out.push({
      field: s.latitude === null ? 'location.latitude' : 'location.longitude',
      reason: 'latitude and longitude go together',
    });
  if (s.publishFrom && s.publishFrom >= s.publishUntil)
    out.push({ field: 'publishUntil', reason: 'must be after publishFrom' });
  if (s.salaryMin !== null && s.salaryMax !== null && s.salaryMax < s.salaryMin)
    out.push({ field: 'salary.max', reason: 'must not be below salary.min' });
  if (s.status === 'published' && s.publishUntil <= now)
    out.push({ field: 'publishUntil', reason: 'must be in the future to publish the vacancy' });
  return out;
}
