export { ApplicationsService } from './applications.service.js';
export { ApplicationsModule } from './applications.module.js';
