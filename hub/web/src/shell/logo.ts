/** The top bar's wordmark, inline (the page's CSP allows data: images, nothing from elsewhere). */
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="124" height="28" viewBox="0 0 124 28"><rect x="0" y="4" width="20" height="20" rx="4" fill="#fff"/><rect x="5" y="9" width="10" height="10" fill="#303030"/><text x="28" y="20" font-family="system-ui,-apple-system,Segoe UI,Roboto,sans-serif" font-size="17" font-weight="650" fill="#fff">Pixport</text></svg>`;

export const LOGO = {
  topBarSource: `data:image/svg+xml,${encodeURIComponent(svg)}`,
  width: 124,
  url: '#/overview',
  accessibilityLabel: 'Pixport dashboard home',
};
