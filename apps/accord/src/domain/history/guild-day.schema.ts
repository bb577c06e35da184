import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const GUILD_DAY_MODEL = 'GuildDay';
export const GUILD_DAY_INDEX_MODEL = 'GuildDayIndex';

/** A guild's plays of one UTC day (`_id` = `<guildId>:<YYYY-MM-DD>`); `data` is encoded by guild-day.ts. */
@Schema({ collection: 'guild_days', versionKey: false })
export class GuildDayDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  guildId!: string;

  /** `YYYY-MM-DD`. */
  @Prop({ type: String, required: true })
  day!: string;

  @Prop({ type: String, default: '' })
  data!: string;

  @Prop({ type: Number, default: 0 })
  count!: number;

  @Prop({ type: Date })
  updatedAt!: Date;
}

export const GuildDaySchema = SchemaFactory.createForClass(GuildDayDocument);

/**
 * The days that have plays, one document a guild (`_id` = guild id), so that paging back skips
 * empty days with primary-key reads only. One more document, `_id` = `READ_MODEL_MARKER_ID`,
 * records which version of the day documents was built from the `plays` log.
 */
@Schema({ collection: 'guild_day_index', versionKey: false })
export class GuildDayIndexDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [String], default: [] })
  days!: string[];

  @Prop({ type: Number })
  version?: number;

  @Prop({ type: Date })
  updatedAt!: Date;
}

export const GuildDayIndexSchema = SchemaFactory.createForClass(GuildDayIndexDocument);
