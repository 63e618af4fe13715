export { PlatformModule, PROCESS_ROLE } from './platform.module.js';
export type { PlatformOptions } from './platform.module.js';
export { createApiApp, createWorkerApp } from './start-platform.js';
export type { StartOptions, Booted } from './start-platform.js';
export { DemoSeeder, DEMO_OPERATOR } from './demo-seeder.service.js';
export type { DemoCredential } from './demo-seeder.service.js';
export { CORE_MIGRATIONS, CORE_ENTITIES } from './capabilities.js';
