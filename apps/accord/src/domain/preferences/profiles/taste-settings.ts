import type { AppConfig } from '../../../config/app-config';
import { DEFAULT_TASTE_SETTINGS, type TasteSettings } from './taste-profile';

export const TASTE_SETTINGS = Symbol('TASTE_SETTINGS');

export function tasteSettingsFrom(config: AppConfig): TasteSettings {
  return { ...DEFAULT_TASTE_SETTINGS, halfLifeMs: config.profiles.halfLifeDays * 86_400_000 };
}
