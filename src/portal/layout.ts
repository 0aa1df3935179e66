import { html, type SafeHtml } from './html.js';
import { PORTAL_SECTIONS } from './navigation.js';

export interface PageFrame {
  readonly title: string;
  /** The section the page belongs to (highlighted in the menu); null on sign-in. */
  readonly section: string | null;
  readonly body: SafeHtml;
  readonly sandbox: boolean;
  /** The session's CSRF token (for the sign-out form); null when signed out. */
  readonly csrfToken: string | null;
  readonly username?: string;
}

export const ASSET_BASE = '/portal/assets';

function menu(frame: PageFrame): SafeHtml {
  const items = PORTAL_SECTIONS.filter((s) => frame.sandbox || s.sandboxOnly !== true).map((s) =>
    s.path === null
      ? html`<li>
          <span class="planned" aria-disabled="true">${s.label} <small>(not yet available)</small></span>
        </li>`
      : html`<li><a href="${s.path}" ${frame.section === s.key ? html` aria-current="page"` : ''}>${s.label}</a></li>`,
  );
  return html`<nav aria-label="Portal">
    <ul>
      ${items}
    </ul>
  </nav>`;
}

/** The whole page: one stylesheet, one script, both served by this process (no CDN). */
export function page(frame: PageFrame): SafeHtml {
  const signedIn = frame.csrfToken !== null;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <link rel="icon" href="data:," />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${frame.title} · Customer Portal</title>
        <link rel="stylesheet" href="${ASSET_BASE}/uPlot.min.css" />
        <link rel="stylesheet" href="${ASSET_BASE}/portal.css" />
        <script src="${ASSET_BASE}/uPlot.iife.min.js" defer></script>
        <script src="${ASSET_BASE}/portal.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <span class="brand">ibanera-server · Customer Portal${frame.sandbox ? html` <span class="badge">sandbox</span>` : ''}</span>
          ${
            signedIn
              ? html`<form method="post" action="/portal/sign-out" class="sign-out">
                  <input type="hidden" name="_csrf" value="${frame.csrfToken}" /><span>${frame.username ?? ''}</span> <button type="submit">Sign out</button>
                </form>`
              : ''
          }
        </header>
        <div class="frame">
          ${signedIn ? menu(frame) : ''}
          <main id="main" tabindex="-1">
            <h1>${frame.title}</h1>
            ${frame.body}
          </main>
        </div>
      </body>
    </html>`;
}
