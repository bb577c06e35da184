import type { MessageView } from './message-view';

/** The ephemeral answer to /panel: the link, how long it lasts, and that it is the member's own. */
export function renderPanelLink(url: string, expiresAt: Date): Pick<MessageView, 'content'> {
  const until = Math.floor(expiresAt.getTime() / 1000);
  return {
    content:
      `Your sign-in link to the panel (works once, until <t:${until}:t>):\n${url}\n` +
      'It signs you in as you: do not share it.',
  };
}

/** /panel on a bot whose panel cannot be reached from a browser. */
export const PANEL_NOT_CONFIGURED =
  'The panel has no public address on this bot: the owner sets PUBLIC_URL and ADMIN_SESSION_SECRET to turn it on.';
