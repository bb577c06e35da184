import { t, type Language } from '@accord/i18n';
import type { MessageView } from './message-view';

/** The ephemeral answer to /panel: the link, how long it lasts, and that it is the member's own. */
export function renderPanelLink(language: Language, url: string, expiresAt: Date): Pick<MessageView, 'content'> {
  return { content: t(language, 'account:panelLink.link', { url, until: Math.floor(expiresAt.getTime() / 1000) }) };
}

/** /panel on a bot whose panel cannot be reached from a browser. */
export function renderPanelNotConfigured(language: Language): string {
  return t(language, 'account:panelLink.notConfigured');
}
