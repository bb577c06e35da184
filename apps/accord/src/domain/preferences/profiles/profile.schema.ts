import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

export const PROFILE_MODEL = 'Profile';

/** `{ id, name, weight, at }`: weights decay from `at`; names are values, never keys. */
/**
 * One document a user (`_id` is the Discord user id, so every read is a primary-key lookup):
 * bounded, decayed top lists, likes and dislikes, what imports brought, and linked accounts
 * (Spotify tokens encrypted with AES-256-GCM).
 *
 * The lists (`{ id, name, weight, at }` entries, names as values, never as keys) are stored as
 * two packed JSON strings, `taste` and `imported` (profile.codec.ts, packed-json.ts): a profile
 * is always read and written whole, and one small string is far cheaper to read than a thousand
 * sub-documents, on MongoDB and much more so on the test database (FerretDB 1.x decodes every
 * value one by one, and reads every row of a collection even for a primary-key lookup).
 */
@Schema({ collection: 'profiles', versionKey: false, minimize: false })
export class ProfileDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String })
  displayName?: string;

  /** Artists, tags, tracks, likes and dislikes (profile.codec.ts). */
  @Prop({ type: String, default: '' })
  taste!: string;

  /** What imports brought, and a summary of each (profile.codec.ts). */
  @Prop({ type: String, default: '' })
  imported!: string;

  @Prop({ type: Number, default: 0 })
  playCount!: number;

  @Prop({ type: Number, default: 0 })
  discoveriesLiked!: number;

  /** Linked accounts; shape in linked-account.types.ts. */
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  accounts!: Record<string, unknown>;

  /** Indexed: the daily Spotify refresh finds linked users with it. */
  @Prop({ type: Boolean, default: false, index: true })
  spotifyLinked!: boolean;

  @Prop({ type: Number, default: 0 })
  updatedAt!: number;
}

export const ProfileSchema = SchemaFactory.createForClass(ProfileDocument);
