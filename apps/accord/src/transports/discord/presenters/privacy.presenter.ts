import { ButtonStyle } from 'discord.js';
import { ACCORD_COLOR, button, clip, row, type MessageView } from './message-view';
import type { ForgetReport, StoredData } from '../../../use-cases/privacy/privacy.service';
import { describeImports } from './profile.presenter';

export const FORGET_BUTTON_PREFIX = 'forget';
export const FORGET_CONFIRM_ID = `${FORGET_BUTTON_PREFIX}:confirm`;
export const FORGET_CANCEL_ID = `${FORGET_BUTTON_PREFIX}:cancel`;

export function renderStored(data: StoredData): MessageView {
  const profile = data.profile
    ? `${data.profile.artists} artists, ${data.profile.tags} tags and ${data.profile.tracks} songs with weights that fade over time; ` +
      `${data.profile.likes} likes, ${data.profile.dislikes} dislikes; ${data.profile.playCount} plays counted.`
    : 'None.';
  const accounts = [
    data.spotify
      ? `Spotify${data.spotify.displayName ? ` (${clip(data.spotify.displayName, 40)})` : ''}: linked, tokens stored encrypted.`
      : 'Spotify: not linked.',
    data.lastfm ? `Last.fm: ${clip(data.lastfm.username, 40)}.` : 'Last.fm: not linked.',
  ].join('\n');
  return {
    embeds: [
      {
        color: ACCORD_COLOR,
        title: 'What I store about you',
        description: data.optedOut
          ? '**You have opted out**: I do not record you in plays, feedback or a profile. `/optout enabled:False` turns recording back on.'
          : 'I remember what plays while you listen, to pick songs the room likes. `/optout enabled:True` stops that; `/forget-me` deletes it.',
        fields: [
          { name: 'Taste profile', value: profile },
          {
            name: 'Plays you were present for',
            value: `${data.plays} (kept as the server's history; your id is removed by /forget-me)`,
          },
          { name: 'Feedback', value: `${data.feedback} likes, dislikes, skips, finishes and requests` },
          { name: 'Linked accounts', value: accounts },
          { name: 'Imported', value: describeImports(data.imported) },
        ],
      },
    ],
    components: [],
  };
}

export function renderForgetConfirm(): MessageView {
  return {
    content:
      '**Delete everything I know about you?** Your taste profile, likes and other feedback, and linked Spotify/Last.fm ' +
      'accounts are deleted, and your id is removed from every play (the plays stay as anonymous server history). This cannot be undone.',
    embeds: [],
    components: [
      row(
        button(FORGET_CONFIRM_ID, 'Delete my data', { style: ButtonStyle.Danger, emoji: '🗑️' }),
        button(FORGET_CANCEL_ID, 'Cancel'),
      ),
    ],
  };
}

export function renderForgotten(report: ForgetReport): MessageView {
  return {
    content: `Done: I forgot you. ${report.plays} play${report.plays === 1 ? '' : 's'} no longer name you, ${report.feedback} piece${report.feedback === 1 ? '' : 's'} of feedback and your profile are deleted.`,
    embeds: [],
    components: [],
  };
}

export const FORGET_CANCELLED: MessageView = { content: 'Nothing was deleted.', embeds: [], components: [] };

export function renderOptOut(optedOut: boolean): string {
  return optedOut
    ? 'You have opted out: from now on I do not record you in plays, feedback or your profile. What I stored before stays until you use `/forget-me`.'
    : 'Recording is back on: what you hear, like and skip shapes your profile again.';
}
