import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

@Schema({ _id: false, versionKey: false })
export class SessionGuildDocument {
  @Prop({ required: true })
  id!: string;

  @Prop({ required: true })
  permissions!: string;

  @Prop({ required: true })
  owner!: boolean;
}

/**
 * `admin_sessions`: one document a signed-in panel session. Expired ones are deleted by a
 * scheduled job (FerretDB 1.x has no TTL indexes), and ignored on read until then.
 */
@Schema({ collection: 'admin_sessions', versionKey: false })
export class AdminSessionDocument {
  @Prop({ required: true, unique: true })
  idHash!: string;

  @Prop({ required: true, index: true })
  userId!: string;

  @Prop({ required: true })
  username!: string;

  @Prop({ type: String, default: null })
  avatarUrl!: string | null;

  @Prop({ required: true })
  method!: string;

  @Prop({ required: true })
  owner!: boolean;

  @Prop({ type: String, required: false })
  passwordFingerprint?: string;

  @Prop({ type: [SessionGuildDocument], default: [] })
  guilds!: SessionGuildDocument[];

  @Prop({ required: true })
  createdAt!: Date;

  @Prop({ required: true, index: true })
  expiresAt!: Date;
}

export const AdminSessionSchema = SchemaFactory.createForClass(AdminSessionDocument);
