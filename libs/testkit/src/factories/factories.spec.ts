import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { DEFAULT_BOT_USER, GuildFactory, MemberFactory, RoleFactory, SnowflakeFactory, UserFactory } from './index';

describe(GuildFactory.name, () => {
  beforeEach(() => GuildFactory.resetAll());

  it('builds the same guild twice after a reset', () => {
    const first = GuildFactory.create();
    GuildFactory.resetAll();

    expect(GuildFactory.create()).toEqual(first);
  });

  it('gives a guild @everyone, the bot with its managed role, the owner and a text and a voice channel', () => {
    const sut = GuildFactory.create();

    expect(sut.roles[0]).toMatchObject({ id: sut.id, name: '@everyone', position: 0 });
    expect(sut.roles[1]).toMatchObject({ managed: true, tags: { bot_id: DEFAULT_BOT_USER.id } });
    expect(sut.members.map((m) => m.user.id)).toEqual([sut.ownerId, DEFAULT_BOT_USER.id]);
    expect(sut.channels.map((c) => [c.type, c.guild_id])).toEqual([
      [ChannelType.GuildText, sut.id],
      [ChannelType.GuildVoice, sut.id],
    ]);
  });

  it('adds extra members, roles and voice states', () => {
    const dj = RoleFactory.create({ name: 'DJ', permissions: PermissionFlagsBits.ManageGuild });
    const user = UserFactory.create({ username: 'ana' });
    const voice = GuildFactory.voiceChannel(GuildFactory.create());

    const sut = GuildFactory.create({
      roles: [dj],
      channels: [voice],
      members: [MemberFactory.create({ user, roles: [dj.id] })],
      voiceStates: [{ userId: user.id, channelId: voice.id, selfDeaf: true }],
    });

    expect(sut.roles.at(-1)).toMatchObject({ name: 'DJ', permissions: PermissionFlagsBits.ManageGuild.toString() });
    expect(sut.members.at(-1)?.roles).toEqual([dj.id]);
    expect(sut.voiceStates).toEqual([
      expect.objectContaining({ guild_id: sut.id, user_id: user.id, channel_id: voice.id, self_deaf: true }),
    ]);
  });
});

describe(SnowflakeFactory.name, () => {
  it.each([
    ['deterministic', new SnowflakeFactory()],
    ['clock-based, same millisecond', new SnowflakeFactory({ clock: () => 1_700_000_000_000 })],
  ])('hands out strictly increasing ids (%s)', (_name, sut) => {
    const ids = Array.from({ length: 5000 }, () => BigInt(sut.next()));

    expect(ids.every((id, i) => i === 0 || id > ids[i - 1])).toBe(true);
  });

  it('round-trips a timestamp', () => {
    const ms = Date.UTC(2025, 5, 1);

    expect(SnowflakeFactory.timestampOf(SnowflakeFactory.fromTimestamp(ms))).toBe(ms);
  });
});
