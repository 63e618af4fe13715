import type { FieldProblem } from '../../http/src/index.js';
import type { AlertCriteriaDto, AlertFrequency, UpdateAlertDto } from './alert.dto.js';

/** An alert's criteria as stored: every criterion optional, an alert without any matches every vacancy. */
export interface AlertCriteria {
  keywords: string | null;
  locationLabel: string | null;
  latitude: number | null;
  longitude: number | null;
  distanceKm: number | null;
  hoursMin: number | null;
  hoursMax: number | null;
  frequency: AlertFrequency;
}

export function criteriaFrom(dto: AlertCriteriaDto): AlertCriteria {
  return mergeCriteria(
    {
      keywords: null,
      locationLabel: null,
      latitude: null,
      longitude: null,
      distanceKm: null,
      hoursMin: null,
      hoursMax: null,
      frequency: dto.frequency,
    },
    dto,
  );
}

/** Applies an update: a criterion given replaces the old one, null removes it. */
export function mergeCriteria(current: AlertCriteria, dto: UpdateAlertDto): AlertCriteria {
  const next = { ...current };
  if (dto.keywords !== undefined) next.keywords = dto.keywords ?? null;
  if (dto.location !== undefined) {
    next.locationLabel = dto.location?.label ?? null;
    next.latitude = dto.location?.latitude ?? null;
    next.longitude = dto.location?.longitude ?? null;
    next.distanceKm = dto.location?.distanceKm ?? null;
  }
  if (dto.hours !== undefined) {
    next.hoursMin = dto.hours?.min ?? null;
    next.hoursMax = dto.hours?.max ?? null;
  }
  if (dto.frequency) next.frequency = dto.frequency;
  return next;
}

export function criteriaProblems(c: AlertCriteria): FieldProblem[] {
  const out: FieldProblem[] = [];
  const hasLat = c.latitude !== null;
  if (hasLat !== (c.longitude !== null))
    out.push({ field: hasLat ? 'location.longitude' : 'location.latitude', reason: 'latitude and longitude go together' });
  else if (hasLat && c.distanceKm === null)
    out.push({ field: 'location.distanceKm', reason: 'is required with coordinates' });
  else if (!hasLat && c.distanceKm !== null)
    out.push({ field: 'location.latitude', reason: 'is required with distanceKm' });
  if (c.hoursMin !== null && c.hoursMax !== null && c.hoursMin > c.hoursMax)
    out.push({ field: 'hours.max', reason: 'must not be below hours.min' });
  return out;
}

/** A short, language-neutral description of an alert for mail subjects and lists. */
export function alertName(c: AlertCriteria): string {
  const parts: string[] = [];
  if (c.keywords) parts.push(c.keywords);
  if (c.locationLabel || c.latitude !== null)
    parts.push(`${c.locationLabel ?? `${c.latitude!.toFixed(3)}, ${c.longitude!.toFixed(3)}`}${c.distanceKm ? ` +${c.distanceKm} km` : ''}`);
  if (c.hoursMin !== null) parts.push(`${c.hoursMin}-${c.hoursMax} h`);
  return parts.length ? parts.join(', ') : '*';
}
