// A check's title, explanation and guide section come from the message catalogs (checks.<ID>.*), in the run's
// language: getters, read when shown, because the checks are defined before the face picks the language.
import { hasMessage, t, type MessageParams } from '../i18n/index.ts';
import type { CheckInfo } from './finding.ts';

type CheckText = 'title' | 'explain' | 'guide';

/** The check with its texts attached; `params` fill the texts' {{placeholders}} (thresholds the check defines). */
export function withText<T extends CheckInfo>(definition: Omit<T, CheckText>, params?: MessageParams): T {
  const key = `checks.${definition.id}`;
  return Object.defineProperties(definition, {
    title: { get: () => t(`${key}.title`, params), enumerable: true },
    explain: { get: () => t(`${key}.explain`, params), enumerable: true },
    guide: { get: () => (hasMessage(`${key}.guide`) ? t(`${key}.guide`) : undefined), enumerable: true },
  }) as T;
}
