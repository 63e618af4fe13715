import type { RetentionSchedule } from '../../libs/plugin-api/src/index.js';

/**
 * Statement 004, "Hoe lang bewaren we je gegevens?". A subsidy scheme that requires longer keeps
 * the data through the core's legal hold (scheme name and end date), which the final action respects.
 */
export const hallowerkRetention: readonly RetentionSchedule[] = [
  {
    key: 'jobseeker-archive-law',
    personKind: 'jobseeker',
    anchor: 'end-of-service',
    // The archive law fixes the term: no reminder could change it, so none is sent.
    reminders: [],
    respondedBy: [],
    finalAt: { years: 10 },
    finalAction: 'delete',
    promise:
      'De gemeente bewaart je gegevens vanuit de archiefwet nog 10 jaar nadat de dienstverlening van HalloWerk is beëindigd; daarna worden ze verwijderd. Een subsidieregeling die langer bewaren verplicht, houdt ze vast tot het einde van die regeling.',
  },
];
