import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const OAUTH_STATE_MODEL = 'OAuthState';

/**
 * A pending Spotify authorisation: the random `state` (`_id`) bound to the Discord user who asked.
 * Single use; expired ones are removed by a scheduled job (no TTL index: FerretDB 1.x has none).
 */
@Schema({ collection: 'oauth_states', versionKey: false })
export class OAuthStateDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  userId!: string;

  @Prop({ required: true })
  provider!: string;

  @Prop({ type: Date, required: true })
  createdAt!: Date;

  @Prop({ type: Date, required: true, index: true })
  expiresAt!: Date;
}

export const OAuthStateSchema = SchemaFactory.createForClass(OAuthStateDocument);
