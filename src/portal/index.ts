export { PORTAL_SECTIONS, type PortalSection } from './navigation.js';
export type { PortalServices } from './module.js';
