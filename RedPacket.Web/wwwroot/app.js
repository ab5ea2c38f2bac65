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
};
