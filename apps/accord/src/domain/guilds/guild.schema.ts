import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/**
 * One document a guild: its settings, and the playback session mirrored on every change so a
 * restart (of the bot or of Lavalink) loses nothing. Queue entries are stored as plain
 * sub-documents; their shape is `PersistedSession` in guild-session.types.ts.
 */
@Schema({ collection: 'guilds', timestamps: true, minimize: false })
export class GuildDocument {
  @Prop({ required: true, unique: true })
  guildId!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  settings!: Record<string, unknown>;

  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  session!: Record<string, unknown> | null;

  /** Indexed so startup finds the sessions to restore without a collection scan. */
  @Prop({ type: Boolean, default: false, index: true })
  sessionActive!: boolean;
}

export const GuildSchema = SchemaFactory.createForClass(GuildDocument);
