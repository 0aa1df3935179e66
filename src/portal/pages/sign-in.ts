import { html, type SafeHtml } from '../html.js';

export function signInBody(preToken: string, next: string, message: SafeHtml | string): SafeHtml {
  return html`${message}
    <form method="post" action="/portal/sign-in" class="stack sign-in">
      <input type="hidden" name="_pre" value="${preToken}" /><input type="hidden" name="next" value="${next}" /> <label for="username">Username</label>
      <input id="username" name="username" autocomplete="username" required maxlength="100" autofocus /> <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256" /> <label for="otp">Authenticator code</label>
      <input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required /> <button type="submit">Sign in</button>
    </form>
    <p>
      <small>The demo principal's credentials are printed by <code>ibanera-server serve</code>; <code>ibanera-server totp</code> prints its current code.</small>
    </p>`;
}
