export { AppConfig, ConfigError, loadConfig, TEST_RATE_LIMIT } from './app-config.js';
export { ConfigModule } from './config.module.js';
export { Clock, SystemClock, FixedClock } from './clock.js';
export { IntervalJob } from './interval-job.js';
