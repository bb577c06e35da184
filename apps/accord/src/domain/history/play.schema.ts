import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

export const PLAY_MODEL = 'Play';

/** One document a play; its shape as plain data is `PlayRecord` (history.types.ts). */
// `listeners` is also a mongoose document method; the documents are only ever read lean.
@Schema({ collection: 'plays', versionKey: false, suppressReservedKeysWarning: true })
export class PlayDocument {
  @Prop({ required: true })
  guildId!: string;

  @Prop({ required: true })
  trackKey!: string;

  @Prop({ required: true })
  artistKey!: string;

  @Prop({ default: '' })
  title!: string;

  @Prop({ default: '' })
  artist!: string;

  @Prop()
  youtubeId?: string;

  @Prop({ default: 0 })
  durationMs!: number;

  @Prop({ type: Date, required: true })
  startedAt!: Date;

  @Prop({ type: Date, default: null })
  endedAt!: Date | null;

  @Prop({ type: Date, required: true })
  lastKnownAt!: Date;

  @Prop({ default: 0 })
  playedMs!: number;

  @Prop()
  endReason?: string;

  @Prop()
  interrupted?: boolean;

  @Prop({ required: true })
  source!: string;

  @Prop()
  requestedBy?: string;

  @Prop({ type: [String], default: [] })
  listeners!: string[];

  @Prop({
    type: [new MongooseSchema({ userId: String, ms: Number }, { _id: false })],
    default: [],
  })
  listened!: Array<{ userId: string; ms: number }>;

  @Prop()
  skippedBy?: string;

  @Prop()
  reason?: string;

  @Prop({
    type: [new MongooseSchema({ userId: String, fit: Number }, { _id: false })],
    default: [],
  })
  fits!: Array<{ userId: string; fit: number }>;

  @Prop({ default: 0 })
  likes!: number;

  @Prop({ default: 0 })
  dislikes!: number;
}

export const PlaySchema = SchemaFactory.createForClass(PlayDocument);
// A guild's plays by time (panel, counts) and by track (last played beyond the recent window).
PlaySchema.index({ guildId: 1, startedAt: -1 });
PlaySchema.index({ guildId: 1, trackKey: 1, startedAt: -1 });
// A user's plays (privacy: what is stored, forget-me) and co-listening across guilds.
PlaySchema.index({ listeners: 1, startedAt: -1 });
PlaySchema.index({ trackKey: 1, startedAt: -1 });
PlaySchema.index({ requestedBy: 1 });
PlaySchema.index({ skippedBy: 1 });
// Plays left open by a crash, closed at startup.
PlaySchema.index({ endedAt: 1 });
