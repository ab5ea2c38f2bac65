// The few things only the browser knows or can do, for the Blazor pages.
window.redpacket = {
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
  copy: (text) => navigator.clipboard ? navigator.clipboard.writeText(text).then(() => true, () => false) : Promise.resolve(false),
};
