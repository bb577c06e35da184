import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { LastfmAccount, LinkedAccounts, SpotifyAccount } from './linked-account.types';
import { decodeImported, decodeTaste, encodeImported, encodeTaste } from './profile.codec';
import { PROFILE_MODEL, type ProfileDocument } from './profile.schema';
import { emptyProfile, type ImportedTaste, type ImportSourceKind, type TasteProfile } from './taste-profile';

const TASTE_FIELDS = {
  displayName: 1,
  taste: 1,
  imported: 1,
  playCount: 1,
  discoveriesLiked: 1,
  updatedAt: 1,
} as const;

type LeanProfile = Pick<ProfileDocument, '_id'> & Partial<Omit<ProfileDocument, '_id'>>;

/**
 * The `profiles` collection as plain objects. Every read is by `_id` (the user id): a primary-key
 * lookup on MongoDB and the only lookup FerretDB 1.x pushes down to its storage.
 */
@Injectable()
export class ProfileRepository {
  constructor(@InjectModel(PROFILE_MODEL) private readonly profiles: Model<ProfileDocument>) {}

  async find(userId: string): Promise<TasteProfile | null> {
    const doc = await this.profiles.findById(userId, TASTE_FIELDS).lean<LeanProfile>().exec();
    return doc ? toTasteProfile(doc) : null;
  }

  /** Several users' profiles; missing users are left out. Point reads in parallel (a room is a few people). */
  async findMany(userIds: readonly string[]): Promise<TasteProfile[]> {
    const found = await Promise.all([...new Set(userIds)].map((userId) => this.find(userId)));
    return found.filter((profile): profile is TasteProfile => profile !== null);
  }

  /** Every profile, read in batches (the taste model's training reads them all). */
  async *all(batchSize = 200): AsyncGenerator<TasteProfile> {
    const cursor = this.profiles.find({}, TASTE_FIELDS).lean<LeanProfile>().batchSize(batchSize).cursor();
    for await (const doc of cursor) yield toTasteProfile(doc);
  }

  /** Writes the taste fields (not accounts or imports, which have their own writers). */
  async saveTaste(profile: TasteProfile): Promise<void> {
    await this.profiles
      .updateOne(
        { _id: profile.userId },
        {
          $set: {
            ...(profile.displayName ? { displayName: profile.displayName } : {}),
            taste: encodeTaste(profile),
            playCount: profile.playCount,
            discoveriesLiked: profile.discoveriesLiked,
            updatedAt: profile.updatedAt,
          },
        },
        { upsert: true },
      )
      .exec();
  }

  /** Writes what songs and artists a profile holds, taste and imports, leaving counts and times as they are. */
  async saveIds(profile: TasteProfile): Promise<void> {
    await this.profiles
      .updateOne(
        { _id: profile.userId },
        { $set: { taste: encodeTaste(profile), imported: encodeImported(profile.imported) } },
      )
      .exec();
  }

  async saveImported(userId: string, imported: ImportedTaste, now: number): Promise<void> {
    await this.profiles
      .updateOne({ _id: userId }, { $set: { imported: encodeImported(imported), updatedAt: now } }, { upsert: true })
      .exec();
  }

  async setDisplayName(userId: string, displayName: string): Promise<void> {
    await this.profiles.updateOne({ _id: userId }, { $set: { displayName } }, { upsert: true }).exec();
  }

  async accounts(userId: string): Promise<LinkedAccounts> {
    const doc = await this.profiles.findById(userId, { accounts: 1 }).lean<LeanProfile>().exec();
    return doc?.accounts ?? {};
  }

  async setSpotify(userId: string, account: SpotifyAccount | null): Promise<void> {
    const update = account
      ? { $set: { 'accounts.spotify': account, spotifyLinked: true } }
      : { $unset: { 'accounts.spotify': '' }, $set: { spotifyLinked: false } };
    await this.profiles.updateOne({ _id: userId }, update, { upsert: account !== null }).exec();
  }

  async setLastfm(userId: string, account: LastfmAccount | null): Promise<void> {
    const update = account ? { $set: { 'accounts.lastfm': account } } : { $unset: { 'accounts.lastfm': '' } };
    await this.profiles.updateOne({ _id: userId }, update, { upsert: account !== null }).exec();
  }

  /** Drops what one kind of import brought (after /unlink). */
  async removeImportSource(userId: string, kind: ImportSourceKind, now: number): Promise<void> {
    const profile = await this.find(userId);
    if (!profile) return;
    const sources = profile.imported.sources.filter((source) => source.kind !== kind);
    const imported: ImportedTaste =
      sources.length === 0 ? { artists: [], tags: [], tracks: [], sources } : { ...profile.imported, sources };
    await this.saveImported(userId, imported, now);
  }

  /** Users with a linked Spotify account (indexed flag), for the daily refresh. */
  async spotifyLinkedUsers(): Promise<string[]> {
    const docs = await this.profiles.find({ spotifyLinked: true }, { _id: 1 }).lean<LeanProfile[]>().exec();
    return docs.map((doc) => doc._id);
  }

  async delete(userId: string): Promise<boolean> {
    const result = await this.profiles.deleteOne({ _id: userId }).exec();
    return result.deletedCount > 0;
  }
}

function toTasteProfile(doc: LeanProfile): TasteProfile {
  const taste = decodeTaste(doc.taste);
  return {
    ...emptyProfile(doc._id, doc.updatedAt ?? 0),
    displayName: doc.displayName,
    artists: taste.artists,
    tags: taste.tags,
    tracks: taste.tracks,
    liked: taste.liked,
    disliked: taste.disliked,
    playCount: doc.playCount ?? 0,
    discoveriesLiked: doc.discoveriesLiked ?? 0,
    imported: decodeImported(doc.imported),
  };
}
