import type { ListenerProfile } from '@accord/recommender';

/** Taste profiles for autoplay; preferences provides it as `LISTENER_PROFILES`. */
export interface ListenerProfilesPort {
  /** Taste profiles of these users; users without one (or who opted out) are simply missing. */
  profilesOf(userIds: string[]): Promise<ListenerProfile[]>;
}

export const LISTENER_PROFILES = Symbol('LISTENER_PROFILES');
