import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const FEEDBACK_MODEL = 'Feedback';

/** One piece of feedback; as plain data `FeedbackRecord` (history.types.ts). */
@Schema({ collection: 'feedback', versionKey: false })
export class FeedbackDocument {
  @Prop({ required: true })
  userId!: string;

  @Prop({ required: true })
  guildId!: string;

  @Prop({ required: true })
  trackKey!: string;

  @Prop({ required: true })
  artistKey!: string;

  @Prop({ required: true })
  kind!: string;

  @Prop({ required: true })
  weight!: number;

  @Prop({ type: Date, required: true })
  at!: Date;

  @Prop()
  playId?: string;

  @Prop()
  source?: string;
}

export const FeedbackSchema = SchemaFactory.createForClass(FeedbackDocument);
FeedbackSchema.index({ userId: 1, at: -1 });
FeedbackSchema.index({ guildId: 1, trackKey: 1, at: -1 });
