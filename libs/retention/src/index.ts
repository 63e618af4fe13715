export { RetentionModule } from './retention.module.js';
export { RetentionService } from './retention.service.js';
export type { AnswerOutcome } from './retention.service.js';
export { RetentionSweepService } from './retention-sweep.service.js';
export type { SweepOptions, SweepReport } from './retention-sweep.service.js';
export { LegalHoldsService } from './legal-holds.service.js';
export { RetentionForecastService } from './retention-forecast.service.js';
export { Retention1732203000000 } from './migrations/1732203000000-retention.js';
export { RetentionAdoptionWatermark1732210000210 } from './migrations/1732210000210-retention-adoption-watermark.js';
// Retention's part of a tenant definition, run at boot by the platform.
export { retentionDefinitionProblems, RETENTION_TEMPLATE_VARIABLES } from './definition-check.js';
