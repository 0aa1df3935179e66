/**
 * The portal's sections, in menu order. A module that has not landed yet is listed as planned
 * (shown, marked "not yet available", not a link): when it lands, its page goes under
 * src/portal/pages/ and its entry here gets a `path`. Sandbox-only sections are hidden in production.
 */
export interface PortalSection {
  readonly key: string;
  readonly label: string;
  /** Where the page is; null while the module behind it has not landed. */
  readonly path: string | null;
  readonly sandboxOnly?: boolean;
}

export const PORTAL_SECTIONS: readonly PortalSection[] = [
  { key: 'overview', label: 'Overview', path: '/portal' },
  { key: 'move', label: 'Move money', path: '/portal/move' },
  { key: 'payees', label: 'Payees', path: '/portal/payees' },
  { key: 'managees', label: 'Managees', path: '/portal/managees' },
  { key: 'developers', label: 'Developers', path: '/portal/developers' },
  { key: 'sandbox', label: 'Sandbox', path: '/portal/sandbox', sandboxOnly: true },
  // Planned: each joins when its module lands (exchanges/, fx/, cards/, rfis/, business/).
  { key: 'exchanges', label: 'Exchanges', path: '/portal/exchanges' },
  { key: 'fx', label: 'FX', path: '/portal/fx' },
  { key: 'cards', label: 'Cards', path: '/portal/cards' },
  { key: 'rfis', label: 'Information requests', path: '/portal/rfis' },
  { key: 'business', label: 'Business', path: '/portal/business' },
];
