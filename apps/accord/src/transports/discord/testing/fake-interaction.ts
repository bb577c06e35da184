import type { RepliableInteraction } from 'discord.js';

/** A recording stand-in for a discord.js interaction's reply methods (specs only). */
export interface FakeInteraction {
  deferred: boolean;
  replied: boolean;
  calls: Array<[string, unknown]>;
  reply: jest.Mock;
  editReply: jest.Mock;
  followUp: jest.Mock;
  deleteReply: jest.Mock;
  deferReply: jest.Mock;
  update: jest.Mock;
  isMessageComponent: () => boolean;
  isChatInputCommand: () => boolean;
  isButton: () => boolean;
  asRepliable(): RepliableInteraction;
}

export function fakeInteraction(
  options: { deferred?: boolean; replied?: boolean; button?: boolean; extra?: Record<string, unknown> } = {},
): FakeInteraction {
  const fake: FakeInteraction = {
    deferred: options.deferred ?? false,
    replied: options.replied ?? false,
    calls: [],
    reply: jest.fn(),
    editReply: jest.fn(),
    followUp: jest.fn(),
    deleteReply: jest.fn(),
    deferReply: jest.fn(),
    update: jest.fn(),
    isMessageComponent: () => options.button ?? false,
    isChatInputCommand: () => !options.button,
    isButton: () => options.button ?? false,
    asRepliable: () => fake as unknown as RepliableInteraction,
  };
  const record = (name: string, after?: () => void) =>
    jest.fn((body: unknown) => {
      fake.calls.push([name, body]);
      after?.();
      return Promise.resolve();
    });
  fake.reply = record('reply', () => (fake.replied = true));
  fake.editReply = record('editReply', () => (fake.replied = true));
  fake.followUp = record('followUp');
  fake.deleteReply = record('deleteReply');
  fake.deferReply = record('deferReply', () => (fake.deferred = true));
  fake.update = record('update', () => (fake.replied = true));
  Object.assign(fake, options.extra);
  return fake;
}
