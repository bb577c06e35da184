import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * `sign_in_links`: one document per panel sign-in link that `/panel` handed out and nobody has
 * used yet. Only the token's SHA-256 is stored, so a database dump holds no usable link.
 */
@Schema({ collection: 'sign_in_links', versionKey: false })
export class SignInLinkDocument {
  @Prop({ required: true, unique: true })
  tokenHash!: string;

  @Prop({ required: true })
  userId!: string;

  @Prop({ required: true })
  username!: string;

  @Prop({ type: String, default: null })
  avatarUrl!: string | null;

  @Prop({ required: true })
  guildId!: string;

  /** The member's permissions in the guild when they asked (decimal string, as OAuth2 lists them). */
  @Prop({ required: true })
  permissions!: string;

  @Prop({ required: true })
  guildOwner!: boolean;

  @Prop({ required: true, index: true })
  expiresAt!: Date;
}

export const SignInLinkSchema = SchemaFactory.createForClass(SignInLinkDocument);
