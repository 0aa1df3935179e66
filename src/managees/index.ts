export { ManageesService, type KycDecision, type ManageesSettings } from './managees-service.js';
export type { ManageeInput } from './managee-input.js';
