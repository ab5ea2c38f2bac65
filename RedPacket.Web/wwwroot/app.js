// The few things only the browser knows or can do, for the Blazor pages.
window.redpacket = {
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
  copy: (text) => navigator.clipboard ? navigator.clipboard.writeText(text).then(() => true, () => false) : Promise.resolve(false),
  // Dark mode and the drawer: cookies, so the server renders the first paint with them (UiPreferences.cs).
  setPref: (name, value) => { document.cookie = `${name}=${value}; path=/; max-age=31536000; samesite=lax`; },
};

// Pages without a circuit (sign-in, register) cannot run the app bar's switches: flip the cookie and reload instead.
document.addEventListener('click', (e) => {
  const button = e.target instanceof Element ? e.target.closest('[data-static-pref]') : null;
  if (!button) return;
  window.redpacket.setPref(button.dataset.staticPref, button.dataset.prefNext);
  location.reload();
});
