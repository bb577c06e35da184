import { evidenceAffinity, type ListenerModel, type TasteModel } from './listener-score';
import type { PickClause, PickReason } from '@accord/core';
import { type Candidate, type RequesterSeed } from './types';

/** A listener counts as served by a pick (and is named) from this relative fit. */
const NAMED_FIT = 0.3;
/** A listener's affinity to an artist from which "which Ana plays" is true enough to say. */
const NAMED_AFFINITY = 0.2;

/** The kinds of reason a pick can have for one listener. */
export type ReasonKind = PickClause['reason'];

/** One reason why a candidate fits a listener, with its contribution. */
export interface Reason {
  kind: ReasonKind;
  refId: string;
  refName: string;
  strength: number;
}

/** Everything needed to explain one pick. */
export interface ExplainContext {
  candidate: Candidate;
  listeners: readonly ListenerModel[];
  /** Relative fits, same order as `listeners`. */
  fits: ArrayLike<number>;
  /** Index in `listeners` of the listener whose turn it was, or -1. */
  turn: number;
  guild: TasteModel;
  isDiscovery: boolean;
  newcomerRoom: boolean;
  seedRequest?: RequesterSeed;
}

/** "Ana", "Ana and Ben", "Ana, Ben and Cy". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function nameOf(model: TasteModel, id: string, fallback: string): string {
  return model.artistNames.get(id) ?? fallback;
}

/** Why a candidate fits one listener, strongest first (computed only for the chosen pick). */
export function listenerReasons(listener: ListenerModel, candidate: Candidate): Reason[] {
  const reasons: Reason[] = [];
  const title = candidate.title ?? 'this song';
  if (listener.liked.has(candidate.trackKey)) {
    reasons.push({ kind: 'liked', refId: candidate.trackKey, refName: title, strength: 1 });
  }
  for (const taste of [listener.own, listener.imported]) {
    if (!taste) continue;
    const track = taste.tracks.get(candidate.trackKey) ?? 0;
    if (track > 0) reasons.push({ kind: 'track', refId: candidate.trackKey, refName: title, strength: 0.8 * track });
    const artist = taste.artists.get(candidate.artistKey) ?? 0;
    if (artist > 0) {
      reasons.push({
        kind: 'artist',
        refId: candidate.artistKey,
        refName: nameOf(taste, candidate.artistKey, candidate.artistName),
        strength: 0.9 * artist,
      });
    }
    for (const evidence of candidate.evidence) {
      const affinity = evidenceAffinity(taste, evidence, listener.userId, listener.liked);
      if (affinity <= 0) continue;
      const ref = evidence.similarTo;
      reasons.push({
        kind: 'similar',
        refId: ref.id,
        refName: ref.name,
        strength: 0.85 * evidence.strength * affinity,
      });
    }
    let bestTag = 0;
    let bestTagId = '';
    for (const tag of candidate.tags) {
      const w = taste.tags.get(tag) ?? 0;
      if (w > bestTag) {
        bestTag = w;
        bestTagId = tag;
      }
    }
    if (bestTag > 0) {
      reasons.push({
        kind: 'tags',
        refId: bestTagId,
        refName: taste.tagNames.get(bestTagId) ?? bestTagId,
        strength: (0.5 * bestTag) / 3,
      });
    }
  }
  if (listener.guildShare > 0)
    reasons.push({ kind: 'guild', refId: '', refName: '', strength: listener.guildShare * 0.3 });
  return reasons.sort((a, b) => b.strength - a.strength || a.refId.localeCompare(b.refId));
}

/** One clause naming the listeners and what they share: "For Ana and Ben: both play Daft Punk". */
function clause(kind: ReasonKind, refName: string, names: readonly string[], turn: string): string {
  const count = names.length;
  const subject = count > 3 ? `${count} of you` : joinNames(names);
  const quantifier = count === 1 ? '' : count === 2 ? 'both ' : 'all ';
  const play = count === 1 ? 'plays' : 'play';
  switch (kind) {
    case 'liked':
      return `For ${subject}${turn}: ${quantifier}liked this song`;
    case 'track':
      return `For ${subject}${turn}: ${quantifier}${play} this song`;
    case 'artist':
      return `For ${subject}${turn}: ${quantifier}${play} ${refName}`;
    case 'similar':
      return count > 3
        ? `Close to ${refName}, which ${count} of you like`
        : `Close to ${refName}, which ${subject} ${play}${turn}`;
    case 'tags':
      return `For ${subject}${turn}: ${quantifier}into ${refName}`;
    case 'guild':
      return `For ${subject}${turn}: popular in this server`;
  }
}

function whoPlay(names: readonly string[]): string {
  if (names.length >= 3) return `which ${names.length} of you like`;
  return `which ${joinNames(names)} ${names.length === 1 ? 'plays' : 'play'}`;
}

function explainNewcomers(ctx: ExplainContext): PickReason {
  const seed = ctx.seedRequest;
  if (seed) {
    const related =
      ctx.candidate.artistKey === seed.ref.id ||
      ctx.candidate.trackKey === seed.ref.id ||
      ctx.candidate.evidence.some((e) => e.similarTo.id === seed.ref.id);
    if (related) {
      const requester = ctx.listeners.find((l) => l.userId === seed.userId)?.displayName ?? null;
      return { kind: 'request', ref: seed.ref.name, requester };
    }
  }
  return { kind: 'popular' };
}

function explainDiscovery(ctx: ExplainContext): PickReason {
  // An unheard song by an artist the room knows: say so rather than "close to" a neighbour.
  const artistFans = ctx.listeners.filter(
    (l) =>
      Math.max(
        l.own.artists.get(ctx.candidate.artistKey) ?? 0,
        l.imported?.artists.get(ctx.candidate.artistKey) ?? 0,
      ) >= NAMED_AFFINITY,
  );
  if (artistFans.length > 0) {
    return { kind: 'discovery-artist', artist: ctx.candidate.artistName, fans: artistFans.map((l) => l.displayName) };
  }
  // Sum, per artist/track the candidate resembles, how much the present listeners like it.
  const refs = new Map<string, { name: string; weight: number; fans: Set<number> }>();
  ctx.listeners.forEach((listener, i) => {
    for (const evidence of ctx.candidate.evidence) {
      const affinity = Math.max(
        evidenceAffinity(listener.own, evidence, listener.userId, listener.liked),
        listener.imported ? evidenceAffinity(listener.imported, evidence, listener.userId) : 0,
      );
      if (affinity < NAMED_AFFINITY) continue;
      const key = `${evidence.similarTo.kind}:${evidence.similarTo.id}`;
      const ref = refs.get(key) ?? { name: evidence.similarTo.name, weight: 0, fans: new Set<number>() };
      ref.weight += evidence.strength * affinity;
      ref.fans.add(i);
      refs.set(key, ref);
    }
  });
  const top = [...refs.values()].sort((a, b) => b.fans.size - a.fans.size || b.weight - a.weight).slice(0, 2);
  if (top.length > 0) {
    const fans = new Set<number>();
    for (const ref of top) for (const i of ref.fans) fans.add(i);
    const names = [...fans].sort((a, b) => a - b).map((i) => ctx.listeners[i].displayName);
    return { kind: 'discovery-close', refs: top.map((r) => r.name), fans: names };
  }
  const tagNames = new Map<string, number>();
  for (const listener of ctx.listeners) {
    for (const tag of ctx.candidate.tags) {
      const w = listener.own.tags.get(tag) ?? 0;
      if (w <= 0) continue;
      const name = listener.own.tagNames.get(tag) ?? tag;
      tagNames.set(name, (tagNames.get(name) ?? 0) + w);
    }
  }
  const tags = [...tagNames.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 2);
  if (tags.length > 0) return { kind: 'discovery-tags', tags: tags.map(([name]) => name) };
  return { kind: ctx.candidate.guildPopularity > 0 ? 'discovery-popular' : 'discovery-new' };
}

function explainFamiliar(ctx: ExplainContext): PickReason {
  const order = ctx.listeners.map((_, i) => i).sort((a, b) => ctx.fits[b] - ctx.fits[a] || a - b);
  let served = order.filter((i) => ctx.fits[i] >= NAMED_FIT);
  if (served.length === 0) served = order.slice(0, 1);
  // Each served listener's strongest reason; group listeners who share the same one.
  const groups = new Map<string, { reason: Reason; members: number[]; strength: number }>();
  for (const i of served) {
    const reasons = listenerReasons(ctx.listeners[i], ctx.candidate);
    // A listener may share a weaker reason with others: prefer a shared artist over a lone strongest one.
    for (const reason of reasons.slice(0, 3)) {
      const key = `${reason.kind}:${reason.refId}`;
      const group = groups.get(key) ?? { reason, members: [], strength: 0 };
      if (!group.members.includes(i)) {
        group.members.push(i);
        group.strength += reason.strength;
      }
      groups.set(key, group);
    }
  }
  const ranked = [...groups.values()].sort(
    (a, b) =>
      b.members.length - a.members.length || b.strength - a.strength || a.reason.refId.localeCompare(b.reason.refId),
  );
  const best = ranked[0];
  if (!best) return { kind: 'popular' };
  const names = best.members.map((i) => ctx.listeners[i].displayName);
  const clauses: PickClause[] = [
    {
      reason: best.reason.kind,
      ref: best.reason.refName,
      names,
      turn: names.length === 1 && best.members[0] === ctx.turn,
    },
  ];
  // One more clause for a served listener the first reason does not cover.
  const other = ranked.find((g) => g.members.every((i) => !best.members.includes(i)));
  if (other && best.members.length < served.length) {
    const otherNames = other.members.map((i) => ctx.listeners[i].displayName);
    clauses.push({ reason: other.reason.kind, ref: other.reason.refName, names: otherNames, turn: false });
  }
  return { kind: 'for', clauses };
}

/** Why a pick fits the people and the evidence behind it, as data. */
export function explainPickReason(ctx: ExplainContext): PickReason {
  if (ctx.newcomerRoom) return explainNewcomers(ctx);
  if (ctx.isDiscovery) return explainDiscovery(ctx);
  return explainFamiliar(ctx);
}

/** A short English reason naming the people and the evidence behind a pick. */
export function explainPick(ctx: ExplainContext): string {
  return describePickReason(explainPickReason(ctx));
}

/** A pick's reason in English: "For Ana and Ben: both play Daft Punk", "Discovery: close to Air, which Ana plays". */
export function describePickReason(reason: PickReason): string {
  switch (reason.kind) {
    case 'popular':
      return 'Popular in this server';
    case 'request':
      return reason.requester
        ? `Close to ${reason.ref}, which ${reason.requester} asked for`
        : `Close to ${reason.ref}`;
    case 'discovery-artist':
      return `Discovery: a new one from ${reason.artist}, ${whoPlay(reason.fans)}`;
    case 'discovery-close':
      return `Discovery: close to ${joinNames(reason.refs)}, ${whoPlay(reason.fans)}`;
    case 'discovery-tags':
      return `Discovery: fits the room's taste for ${joinNames(reason.tags)}`;
    case 'discovery-popular':
      return 'Discovery: popular in this server';
    case 'discovery-new':
      return 'Discovery: something new for the room';
    case 'for':
      return reason.clauses
        .map((each, index) => {
          const text = clause(each.reason, each.ref, each.names, each.turn ? ` (${each.names[0]}'s turn)` : '');
          return index === 0 ? text : text.replace(/^For /, 'for ').replace(/^Close/, 'close');
        })
        .join('; ');
  }
}
