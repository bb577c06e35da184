import { Injectable } from '@nestjs/common';

/** The videos one /fix showed one user for one song, in one server. */
export interface FixOffer {
  userId: string;
  guildId: string | null;
  trackId: string;
  youtubeIds: string[];
}

/** A /fix answer's buttons work as long as its interaction token does. */
export const FIX_OFFER_TTL_MS = 15 * 60_000;
const MAX_OFFERS = 2_000;

/**
 * What each /fix offered, kept on the server under the id of the /fix interaction, so that a click
 * is checked against what was shown rather than trusted from the button's custom id (which a
 * client can forge). In memory: after a restart the old buttons answer "expired".
 */
@Injectable()
export class FixOfferStore {
  private readonly offers = new Map<string, FixOffer & { expiresAt: number }>();

  remember(interactionId: string, offer: FixOffer, now = Date.now()): void {
    if (this.offers.size >= MAX_OFFERS) this.prune(now);
    // Still full of live offers: drop the oldest (Map keeps insertion order).
    if (this.offers.size >= MAX_OFFERS) this.offers.delete(this.offers.keys().next().value as string);
    this.offers.set(interactionId, { ...offer, youtubeIds: [...offer.youtubeIds], expiresAt: now + FIX_OFFER_TTL_MS });
  }

  find(interactionId: string, now = Date.now()): FixOffer | null {
    const offer = this.offers.get(interactionId);
    if (!offer) return null;
    if (offer.expiresAt <= now) {
      this.offers.delete(interactionId);
      return null;
    }
    return offer;
  }

  private prune(now: number): void {
    for (const [id, offer] of this.offers) if (offer.expiresAt <= now) this.offers.delete(id);
  }
}
