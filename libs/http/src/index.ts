export { ValidationProblem, createValidationPipe, assertValidBody } from './validation-problem.js';
export type { FieldProblem } from './validation-problem.js';
export { ProblemDetailsFilter, toProblem, frameworkErrorAsProblem } from './problem-details.filter.js';
export type { ProblemDetails } from './problem-details.filter.js';
export { PinoNestLogger, createRootLogger } from './logger.js';
export { installNulCharacterGuard } from './nul-character.guard.js';
export { htmlPage, escapeHtml, PAGE_STYLE_SOURCE } from './html-page.js';
export { installJsonBodyParser, jsonShapeProblem, JSON_BODY_LIMITS } from './json-body.js';
export type { JsonBodyLimits } from './json-body.js';
export {
  Optional,
  Nullable,
  Text,
  NestedObject,
  NestedObjects,
  IsoDate,
  IsoDateTime,
  Amount,
  DATE_YEARS,
} from './input-rules.js';
