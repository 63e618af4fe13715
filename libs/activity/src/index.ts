export { ActivityModule } from './activity.module.js';
export { ActivityReader } from './activity-reader.js';
export type { ActivityRecorded, PersonActivity } from './activity-reader.js';
export type { ActivityEventRow } from './activity-log.js';
export { NudgeSweep } from './nudge-sweep.js';
export type { NudgeSweepReport } from './nudge-sweep.js';
export { Activity1732209880000 } from './migrations/1732209880000-activity.js';
