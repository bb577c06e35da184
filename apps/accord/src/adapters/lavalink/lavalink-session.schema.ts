import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** The last Lavalink session id of each node, so a restarted bot can resume it. */
@Schema({ collection: 'lavalink_sessions', timestamps: true })
export class LavalinkSessionDocument {
  @Prop({ required: true, unique: true })
  node!: string;

  @Prop({ required: true })
  sessionId!: string;
}

export const LavalinkSessionSchema = SchemaFactory.createForClass(LavalinkSessionDocument);
