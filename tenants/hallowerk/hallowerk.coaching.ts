import { ForbiddenException } from '@nestjs/common';
import type { Actor } from '../../libs/tenant-host/src/index.js';

/**
 * The coaching side of a dossier (assignments, a coach's personal mails): the own municipality's
 * coaches and an execution organisation it authorises do it. The ICT supplier's support team, under
 * a municipality's time-boxed support grant, may look at a dossier "voor beheerdoeleinden", not
 * coach: it neither gives assignments nor writes to the person.
 */
export const COACHING = { delegatedPurposes: ['execution'] } as const;

/**
 * Account managers hold `staff` for their region but present people to employers (`partner`): what
 * a coach does with the person (assignments and their results, personal mails) stays away from
 * that side ("De uitslag zelf wordt niet gedeeld met werkgevers").
 */
export function refuseEmployerFacing(actor: Actor, what: string): void {
  if (actor.roles.includes('partner')) throw new ForbiddenException(`${what} are for the coach, not for the employer side`);
}
