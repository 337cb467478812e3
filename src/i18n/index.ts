// The one translation API: t(key, params) over the message catalogs (en.json, ja.json; same keys, i18next's
// `{{param}}` interpolation and `_one`/`_other` plural keys chosen by Intl.PluralRules). Pure: the face picks the
// language once at start (cli/language.ts) and calls selectLanguage; nothing here reads the environment.
import i18next, { type i18n } from 'i18next';
import en from './en.json' with { type: 'json' };

export const languages = ['en', 'ja'] as const;
export type Language = (typeof languages)[number];

export type MessageParams = Record<string, unknown>;

/** A catalog: messages by key, nested by area (doctor.summary.line). */
export interface Catalog {
  [key: string]: string | Catalog;
}

export function isLanguage(value: string): value is Language {
  return (languages as readonly string[]).includes(value);
}

/** A POSIX locale (ja_JP.UTF-8, en_US, C) → the language it names, if we have it. */
export function languageOfLocale(locale: string | undefined): Language | undefined {
  const code = locale?.split(/[_.@-]/)[0]?.toLowerCase();
  return code && isLanguage(code) ? code : undefined;
}

function createTranslator(): i18n {
  const instance = i18next.createInstance();
  // Synchronous: the catalogs are in memory. No HTML escaping: the output is a terminal, and each renderer escapes its own format.
  void instance.init({
    lng: 'en',
    fallbackLng: 'en',
    resources: { en: { translation: en } },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

const translator = createTranslator();

// Each in its own chunk of the bundle: an English run never parses them.
const lazyCatalogs: Record<Exclude<Language, 'en'>, () => Promise<Catalog>> = {
  ja: async () => (await import('./ja.json', { with: { type: 'json' } })).default,
};

/** Loads the language's catalog (only English is bundled with the start-up code) and makes it current. */
export async function selectLanguage(language: Language): Promise<void> {
  if (language !== 'en' && !translator.hasResourceBundle(language, 'translation'))
    translator.addResourceBundle(language, 'translation', await lazyCatalogs[language]());
  await translator.changeLanguage(language);
}

export function currentLanguage(): Language {
  return translator.language as Language;
}

/** Whether the catalogs hold `key` (optional messages, such as a check's guide section). */
export function hasMessage(key: string): boolean {
  return translator.exists(key);
}

/** The message under `key` in the current language, with `{{name}}` filled from params (`count` picks a plural form). */
export function t(key: string, params?: MessageParams): string {
  return translator.t(key, params ?? {}) as string;
}

/** "cpu and memory", "cpu、memory": a list joined as the current language joins one. */
export function listText(items: readonly string[]): string {
  return new Intl.ListFormat(translator.language, { type: 'conjunction' }).format(items);
}
