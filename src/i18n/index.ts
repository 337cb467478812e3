// The one translation API: t(key, params) over the message catalogs (en.ts, ja.ts: one JSON file per area; same keys, i18next's
// `{{param}}` interpolation and `_one`/`_other` plural keys chosen by Intl.PluralRules). Pure: the face picks the
// language once at start (cli/language.ts) and calls selectLanguage; nothing here reads the environment.
import i18next, { type i18n } from 'i18next';
import en from './en.ts';

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

// Each in its own chunk of the bundle: an English run never parses them.
const lazyCatalogs: Record<Exclude<Language, 'en'>, () => Promise<Catalog>> = {
  ja: async () => (await import('./ja.ts')).default,
};

const catalogs: Partial<Record<Language, Catalog>> = { en };
let language: Language = 'en';
let translator: i18n | undefined;

/** i18next, set up on the first message that needs it (parameters, plural forms, nesting): start-up skips its cost. */
function i18nextTranslator(): i18n {
  if (translator) return translator;
  const instance = i18next.createInstance();
  const resources = Object.fromEntries(Object.entries(catalogs).map(([lng, catalog]) => [lng, { translation: catalog }]));
  // Synchronous: the catalogs are in memory. No HTML escaping: the output is a terminal, and each renderer escapes its own format.
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  translator = instance;
  return instance;
}

/** Loads the language's catalog (only English is bundled with the start-up code) and makes it current. */
export async function selectLanguage(selected: Language): Promise<void> {
  catalogs[selected] ??= await lazyCatalogs[selected as Exclude<Language, 'en'>]();
  language = selected;
  if (!translator) return;
  if (!translator.hasResourceBundle(selected, 'translation')) translator.addResourceBundle(selected, 'translation', catalogs[selected]);
  await translator.changeLanguage(selected);
}

/** The message at a dotted key of a catalog, or a sub-catalog, or nothing. */
function lookup(catalog: Catalog | undefined, key: string): string | Catalog | undefined {
  let found: string | Catalog | undefined = catalog;
  for (const part of key.split('.')) found = typeof found === 'object' ? found[part] : undefined;
  return found;
}

/** Whether the catalogs hold `key` (optional messages, such as a check's guide section). */
export function hasMessage(key: string): boolean {
  return typeof (lookup(catalogs[language], key) ?? lookup(en, key)) === 'string';
}

/** The message under `key` in the current language, with `{{name}}` filled from params (`count` picks a plural form). */
export function t(key: string, params?: MessageParams): string {
  // A plain message (no parameter, plural form or nested message) is read straight from the catalog: i18next's
  // path costs tens of microseconds a call, and --help builds a hundred messages.
  if (!params) {
    const text = lookup(catalogs[language], key) ?? lookup(en, key);
    if (typeof text === 'string' && !text.includes('{{') && !text.includes('$t(')) return text;
  }
  return i18nextTranslator().t(key, params ?? {}) as string;
}

/** "cpu and memory", "cpu、memory": a list joined as the current language joins one. */
export function listText(items: readonly string[]): string {
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
}
