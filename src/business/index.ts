export type { BusinessServices } from './module.js';
export { BusinessService, type BusinessSettings } from './business-service.js';
export { KybService } from './kyb-service.js';
