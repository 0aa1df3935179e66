/**
 * The sandbox's TOTP helper on /docs: the user enters the shared secret once (kept in this browser
 * tab's sessionStorage only, never sent), and every "Try it out" request gets a fresh `otp` header
 * computed in the page (RFC 6238 with WebCrypto; needs a secure context: localhost or https).
 */
export const DOCS_TOTP_SCRIPT = String.raw`(function () {
  var KEY = 'ibanera-totp-secret';
  function base32(text) {
    var alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', bits = 0, value = 0, out = [];
    text = text.replace(/[\s=]/g, '').toUpperCase();
    for (var i = 0; i < text.length; i++) {
      var v = alphabet.indexOf(text.charAt(i));
      if (v < 0) throw new Error('not Base32');
      value = (value << 5) | v; bits += 5;
      if (bits >= 8) { bits -= 8; out.push((value >>> bits) & 255); }
    }
    return new Uint8Array(out);
  }
  async function totp(secret) {
    var counter = new ArrayBuffer(8), view = new DataView(counter);
    var step = Math.floor(Date.now() / 30000);
    view.setUint32(0, Math.floor(step / 4294967296)); view.setUint32(4, step >>> 0);
    var key = await crypto.subtle.importKey('raw', base32(secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
    var mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, counter));
    var o = mac[mac.length - 1] & 15;
    var n = ((mac[o] & 127) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
    return String(n % 1000000).padStart(6, '0');
  }
  window.ibaneraAddOtp = async function (request) {
    var secret = sessionStorage.getItem(KEY);
    if (secret && !/\/public\//.test(request.url)) {
      var code = await totp(secret);
      request.headers.otp = code;
    }
    if (secret && /\/public\/auth\/login/.test(request.url) && typeof request.body === 'string') {
      try { var body = JSON.parse(request.body); body.otp = await totp(secret); request.body = JSON.stringify(body); } catch (e) {}
    }
    return request;
  };
  function panel() {
    var box = document.createElement('div');
    box.style.cssText = 'padding:10px 20px;background:#fdf6e3;border-bottom:1px solid #ddd;font-family:sans-serif;font-size:14px';
    box.innerHTML = '<b>Sandbox TOTP helper</b>: shared secret <input id="ibanera-secret" type="password" size="40" placeholder="Base32, e.g. from principals demo"> ' +
      '<button id="ibanera-save">use</button> <span id="ibanera-state"></span><br>' +
      '<small>Kept in this tab only (sessionStorage), never sent. Every request then gets a fresh <code>otp</code> header, and the login body a fresh <code>otp</code>; ' +
      'paste the access token into Authorize → bearer once.</small>';
    document.body.insertBefore(box, document.body.firstChild);
    var state = document.getElementById('ibanera-state');
    function show() { state.textContent = sessionStorage.getItem(KEY) ? 'secret set: otp is filled in on every request' : 'no secret yet'; }
    document.getElementById('ibanera-save').onclick = function () {
      var value = document.getElementById('ibanera-secret').value;
      try { base32(value); sessionStorage.setItem(KEY, value); document.getElementById('ibanera-secret').value = ''; show(); }
      catch (e) { state.textContent = 'that is not a Base32 secret'; }
    };
    if (!window.crypto || !crypto.subtle) state.textContent = 'this page is not a secure context (use localhost or https): no TOTP helper';
    else show();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', panel); else panel();
})();`;
