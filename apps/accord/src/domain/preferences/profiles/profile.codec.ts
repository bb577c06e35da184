import { packJson, unpackJson } from './packed-json';
import type { ImportedTaste, MarkedTrack, TasteEntry } from './taste-profile';

const VERSION = 1;

export interface StoredTaste {
  artists: TasteEntry[];
  tags: TasteEntry[];
  tracks: TasteEntry[];
  liked: MarkedTrack[];
  disliked: MarkedTrack[];
}

const EMPTY_TASTE: StoredTaste = { artists: [], tags: [], tracks: [], liked: [], disliked: [] };
const EMPTY_IMPORTED: ImportedTaste = { artists: [], tags: [], tracks: [], sources: [] };

export function encodeTaste(taste: StoredTaste): string {
  return packJson({ v: VERSION, ...taste });
}

export function decodeTaste(data: string | undefined | null): StoredTaste {
  const parsed = parse(data);
  if (!parsed) return { ...EMPTY_TASTE };
  return {
    artists: list(parsed.artists),
    tags: list(parsed.tags),
    tracks: list(parsed.tracks),
    liked: list(parsed.liked),
    disliked: list(parsed.disliked),
  };
}

export function encodeImported(imported: ImportedTaste): string {
  return packJson({ v: VERSION, ...imported });
}

export function decodeImported(data: string | undefined | null): ImportedTaste {
  const parsed = parse(data);
  if (!parsed) return { ...EMPTY_IMPORTED };
  return {
    artists: list(parsed.artists),
    tags: list(parsed.tags),
    tracks: list(parsed.tracks),
    sources: list(parsed.sources),
  };
}

function parse(data: string | undefined | null): Record<string, unknown> | null {
  const parsed = unpackJson(data) as Record<string, unknown> | undefined;
  return parsed?.v === VERSION ? parsed : null;
}

function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}
