const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  '<meta name="viewport" content="width=device-width,initial-scale=1"></head>' +
  `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>${title}</h1><p>${body}</p></body></html>`;

/** The pages the browser shows after Spotify sends it back to the bot (plain HTML, no script). */
export const CALLBACK_PAGES = {
  linked: (displayName?: string): string =>
    page(
      'Spotify is linked',
      `${displayName ? `Linked as ${escapeHtml(displayName)}. ` : ''}Accord is importing your library now; you can close this page and go back to Discord.`,
    ),
  badState: page(
    'This link is no longer valid',
    'It has expired or was already used. Run <code>/link spotify</code> in Discord for a new one. Nothing was stored.',
  ),
  denied: page(
    'Not linked',
    'Spotify did not give access, so nothing was stored. Run <code>/link spotify</code> again if you change your mind.',
  ),
  failed: page('Spotify did not answer', 'Nothing was stored. Try <code>/link spotify</code> again in a moment.'),
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
