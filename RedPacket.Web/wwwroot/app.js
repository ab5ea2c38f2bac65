// The few things only the browser knows or can do, for the Blazor pages.
window.redpacket = {
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
  // The Clipboard API exists only in secure contexts (https, localhost); a phone on the LAN address over http has
  // none, so fall back to a selected textarea and the old copy command. Answers whether the text was copied.
  copy: (text) => navigator.clipboard && window.isSecureContext
    ? navigator.clipboard.writeText(text).then(() => true, () => redpacket.copyBySelection(text))
    : Promise.resolve(redpacket.copyBySelection(text)),
  copyBySelection: (text) => {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try { return document.execCommand('copy'); } catch { return false; } finally { area.remove(); }
  },
  // Dark mode: a cookie, so the server renders the first paint with them (UiPreferences.cs).
  setPref: (name, value) => { document.cookie = `${name}=${value}; path=/; max-age=31536000; samesite=lax`; },
};

// The chat's scroll: follow new lines while the reader is at the bottom; leave them be once they scrolled up to read.
window.redpacket.chat = {
  nearBottom: (el) => el.scrollHeight - el.scrollTop - el.clientHeight < 80,
  watch: (el, page) => {
    el.__rpAtBottom = true;
    el.__rpLastTop = 0;
    el.addEventListener('scroll', () => {
      // Only a move up means "reading older lines": lines arriving between our scroll and this event must not.
      const at = window.redpacket.chat.nearBottom(el);
      const up = el.scrollTop < el.__rpLastTop;
      el.__rpLastTop = el.scrollTop;
      if (at && !el.__rpAtBottom) page.invokeMethodAsync('ReachedBottom');
      if (at) el.__rpAtBottom = true; else if (up) el.__rpAtBottom = false;
    }, { passive: true });
    el.scrollTop = el.scrollHeight;
  },
  // Called after new lines rendered: scrolls to them if the reader was at the bottom before they came.
  follow: (el, force) => {
    if (!force && el.__rpAtBottom === false) return false;
    el.scrollTop = el.scrollHeight;
    el.__rpAtBottom = true;
    el.__rpLastTop = el.scrollTop;
    return true;
  },
};

// Pages without a circuit (sign-in, register) cannot run the app bar's switches: flip the cookie and reload instead.
document.addEventListener('click', (e) => {
  const button = e.target instanceof Element ? e.target.closest('[data-static-pref]') : null;
  if (!button) return;
  window.redpacket.setPref(button.dataset.staticPref, button.dataset.prefNext);
  location.reload();
});
