export { customersInScope, findCustomerInScope, insertCustomer, type CustomerRow, type NewCustomer } from './customer-scope.js';
export { ManageesService, type KycDecision, type ManageesSettings } from './managees-service.js';
export { checkEmail } from './managee-field-rules.js';
export type { ManageeInput } from './contract.js';
export type { CustomersServices } from './module.js';
export { insertManagee, isBusinessProfile, markVerificationSubmitted, MANAGEE_KIND_BUSINESS, type NewManagee } from './managee-rows.js';
