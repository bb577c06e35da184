import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const OPT_OUT_MODEL = 'OptOut';
/**
 * Users who asked not to be recorded, one small document each (`_id` = user id). Kept apart from
 * profiles so the recorder can hold the whole (short) list in memory without reading profiles.
 */
@Schema({ collection: 'privacy_optouts', versionKey: false })
export class OptOutDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Date, required: true })
  at!: Date;
}

export const OptOutSchema = SchemaFactory.createForClass(OptOutDocument);
