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

const pluralRules = new Map<Language, Intl.PluralRules>();
const pluralForm = (lng: Language, count: number) => {
  let rules = pluralRules.get(lng);
  if (!rules) pluralRules.set(lng, (rules = new Intl.PluralRules(lng)));
  return rules.select(count);
};

/**
 * The message as i18next would give it, where that is plain: the current language's catalog then English's, the
 * plural form `count` picks (key_one, key_other), `{{name}}` filled with a string, number or boolean. Undefined
 * for the rest (nested $t(…), other values), which i18next does.
 */
function plainMessage(key: string, params: MessageParams): string | undefined {
  const { count } = params;
  if (count !== undefined && typeof count !== 'number') return undefined;
  let text: string | Catalog | undefined;
  for (const lng of language === 'en' ? (['en'] as const) : ([language, 'en'] as const)) {
    const catalog = catalogs[lng];
    text = (count === undefined ? undefined : lookup(catalog, `${key}_${pluralForm(lng, count)}`)) ?? lookup(catalog, key);
    if (text !== undefined) break;
  }
  if (typeof text !== 'string' || text.includes('$t(')) return undefined;
  let plain = true;
  const filled = text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = params[name];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    plain = false;
    return '';
  });
  return plain ? filled : undefined;
}

/** The message under `key` in the current language, with `{{name}}` filled from params (`count` picks a plural form). */
export function t(key: string, params?: MessageParams): string {
  // Plain messages are read straight from the catalogs: i18next costs ~5 ms to set up and tens of microseconds a
  // call, and a command builds hundreds of messages. A test holds the two ways equal over every message.
  return plainMessage(key, params ?? {}) ?? (i18nextTranslator().t(key, params ?? {}) as string);
}

/** i18next's own answer, for the test that holds t's plain path to it. */
export function i18nextMessage(key: string, params: MessageParams = {}): string {
  return i18nextTranslator().t(key, params) as string;
}

/** "cpu and memory", "cpu、memory": a list joined as the current language joins one. */
export function listText(items: readonly string[]): string {
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
}
