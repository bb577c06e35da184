import { t, type Language } from '@accord/i18n';
import { ButtonStyle } from 'discord.js';
import { ACCORD_COLOR, button, clip, row, type MessageView } from './message-view';
import type { ForgetReport, StoredData } from '../../../use-cases/privacy/privacy.service';
import { describeImports } from './profile.presenter';

export const FORGET_BUTTON_PREFIX = 'forget';
export const FORGET_CONFIRM_ID = `${FORGET_BUTTON_PREFIX}:confirm`;
export const FORGET_CANCEL_ID = `${FORGET_BUTTON_PREFIX}:cancel`;

export function renderStored(language: Language, data: StoredData): MessageView {
  const profile = data.profile
    ? t(language, 'account:privacy.profile', {
        artists: data.profile.artists,
        tags: data.profile.tags,
        tracks: data.profile.tracks,
        likes: data.profile.likes,
        dislikes: data.profile.dislikes,
        plays: data.profile.playCount,
      })
    : t(language, 'account:privacy.noProfile');
  const spotify = data.spotify
    ? data.spotify.displayName
      ? t(language, 'account:privacy.spotifyLinkedAs', { name: clip(data.spotify.displayName, 40) })
      : t(language, 'account:privacy.spotifyLinked')
    : t(language, 'account:privacy.spotifyNotLinked');
  const lastfm = data.lastfm
    ? t(language, 'account:privacy.lastfmLinked', { username: clip(data.lastfm.username, 40) })
    : t(language, 'account:privacy.lastfmNotLinked');
  return {
    embeds: [
      {
        color: ACCORD_COLOR,
        title: t(language, 'account:privacy.title'),
        description: t(language, data.optedOut ? 'account:privacy.optedOut' : 'account:privacy.recording'),
        fields: [
          { name: t(language, 'account:privacy.fields.profile'), value: profile },
          {
            name: t(language, 'account:privacy.fields.plays'),
            value: t(language, 'account:privacy.fields.playsValue', { plays: data.plays }),
          },
          {
            name: t(language, 'account:privacy.fields.feedback'),
            value: t(language, 'account:privacy.fields.feedbackValue', { feedback: data.feedback }),
          },
          { name: t(language, 'account:privacy.fields.accounts'), value: [spotify, lastfm].join('\n') },
          { name: t(language, 'account:privacy.fields.imported'), value: describeImports(language, data.imported) },
        ],
      },
    ],
    components: [],
  };
}

export function renderForgetConfirm(language: Language): MessageView {
  return {
    content: t(language, 'account:privacy.forgetConfirm'),
    embeds: [],
    components: [
      row(
        button(FORGET_CONFIRM_ID, t(language, 'account:privacy.buttons.delete'), {
          style: ButtonStyle.Danger,
          emoji: '🗑️',
        }),
        button(FORGET_CANCEL_ID, t(language, 'account:privacy.buttons.cancel')),
      ),
    ],
  };
}

export function renderForgotten(language: Language, report: ForgetReport): MessageView {
  return {
    content: t(language, 'account:privacy.forgotten', {
      plays: t(language, 'account:privacy.forgottenPlays', { count: report.plays }),
      feedback: t(language, 'account:privacy.forgottenFeedback', { count: report.feedback }),
    }),
    embeds: [],
    components: [],
  };
}

export function renderForgetCancelled(language: Language): MessageView {
  return { content: t(language, 'account:privacy.cancelled'), embeds: [], components: [] };
}

export function renderOptOut(language: Language, optedOut: boolean): string {
  return t(language, optedOut ? 'account:privacy.optOut' : 'account:privacy.optIn');
}
