import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const GUILD_WINDOW_MODEL = 'GuildWindow';

/** A guild's recent plays (`_id` = guild id); `data` is encoded by guild-window.ts. */
@Schema({ collection: 'guild_windows', versionKey: false })
export class GuildWindowDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, default: '' })
  data!: string;

  @Prop({ type: Number, default: 0 })
  count!: number;

  @Prop({ type: Date })
  updatedAt!: Date;
}

export const GuildWindowSchema = SchemaFactory.createForClass(GuildWindowDocument);
