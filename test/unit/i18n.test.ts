import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import en from '../../src/i18n/en.ts';
import ja from '../../src/i18n/ja.ts';
import { allCheckInfos } from '../../src/doctor/run.ts';
import { i18nextMessage, languages, selectLanguage, t } from '../../src/i18n/index.ts';

type Catalog = { [key: string]: string | Catalog };
const catalogs: Record<(typeof languages)[number], Catalog> = { en, ja };
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** Every message of a catalog by its dotted key. */
function messages(catalog: Catalog, prefix = ''): Map<string, string> {
  return new Map(
    Object.entries(catalog).flatMap(([key, value]) =>
      typeof value === 'string' ? [[prefix + key, value] as const] : [...messages(value, `${prefix}${key}.`)],
    ),
  );
}

/** Keys without their plural form: `found_one` and `found_other` are one message. */
const baseKeys = (catalog: Catalog) => new Set([...messages(catalog).keys()].map((key) => key.replace(pluralSuffix, '')));
const paramsOf = (text: string) => new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

// Every literal that names a key of the catalogs' areas (t('doctor.summary.line'), t(cond ? 'a.b' : 'a.c')): keys are
// never built from pieces, except a check's texts by its id (doctor/check-text.ts); and messages that nest another ($t(key)).
const keyLiteral = new RegExp(`['"\`]((?:${Object.keys(en).join('|')})\\.[\\w.]+)['"\`]`, 'g');
const usedKeys = new Set([
  ...sourceFiles(join(import.meta.dirname, '../../src')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(keyLiteral)].map((m) => m[1]!),
  ),
  ...allCheckInfos.flatMap(({ id }) => [`checks.${id}.title`, `checks.${id}.explain`, `checks.${id}.guide`]),
  ...[...messages(en).values()].flatMap((text) => [...text.matchAll(/\$t\(([\w.-]+)\)/g)].map((m) => m[1]!)),
]);

describe('message catalogs', () => {
  it('give every check a title and an explanation', () => {
    const english = messages(en);
    for (const { id } of allCheckInfos)
      for (const part of ['title', 'explain']) assert.ok(english.has(`checks.${id}.${part}`), `${id} ${part}`);
  });

  it('have the same messages in every language', () => {
    const english = baseKeys(en);
    for (const language of languages) {
      const keys = baseKeys(catalogs[language]);
      assert.deepEqual(
        [...english].filter((key) => !keys.has(key)),
        [],
        `missing in ${language}`,
      );
      assert.deepEqual(
        [...keys].filter((key) => !english.has(key)),
        [],
        `only in ${language}`,
      );
    }
  });

  it('have every plural form the language needs (Intl.PluralRules)', () => {
    for (const language of languages) {
      const all = messages(catalogs[language]);
      const plurals = new Set([...all.keys()].filter((key) => pluralSuffix.test(key)).map((key) => key.replace(pluralSuffix, '')));
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const key of plurals)
        for (const category of categories) assert.ok(all.has(`${key}_${category}`), `${language}: ${key}_${category} is missing`);
    }
  });

  it('fill the same {{params}} in every language', () => {
    const english = messages(en);
    const paramsByBase = (all: Map<string, string>) => {
      const byBase = new Map<string, Set<string>>();
      for (const [key, text] of all) {
        const base = key.replace(pluralSuffix, '');
        byBase.set(base, new Set([...(byBase.get(base) ?? []), ...paramsOf(text)]));
      }
      return byBase;
    };
    const reference = paramsByBase(english);
    for (const language of languages) {
      for (const [key, params] of paramsByBase(messages(catalogs[language]))) {
        // `count` picks the plural form: a language with one form may leave it out of the text.
        const expected = new Set([...(reference.get(key) ?? [])].filter((p) => p !== 'count'));
        assert.deepEqual(new Set([...params].filter((p) => p !== 'count')), expected, `${language}: ${key}`);
      }
    }
  });

  it("give through t's plain path exactly what i18next gives, for every message, language and plural count", async () => {
    after(() => selectLanguage('en'));
    const english = messages(en);
    for (const language of languages) {
      await selectLanguage(language);
      for (const key of baseKeys(en)) {
        const texts = [...english].filter(([k]) => k === key || k.replace(pluralSuffix, '') === key).map(([, text]) => text);
        const names = [...new Set(texts.flatMap((text) => [...paramsOf(text)]))];
        for (const count of names.includes('count') || texts.length > 1 ? [0, 1, 2, 7] : [undefined]) {
          const params = Object.fromEntries(names.map((name, i) => [name, name === 'count' ? count : i % 2 ? i * 11 : `<${name}>`]));
          if (count !== undefined) params.count = count;
          assert.equal(t(key, params), i18nextMessage(key, params), `${language}: ${key} ${JSON.stringify(params)}`);
        }
      }
    }
  });

  it('hold every key the code uses, and only those', () => {
    const english = baseKeys(en);
    const optional = /^checks\.\w+\.guide$/; // a check with no vendor guide section has none
    assert.deepEqual(
      [...usedKeys].filter((key) => !english.has(key) && !optional.test(key)),
      [],
      'used but not in the catalogs',
    );
    assert.deepEqual(
      [...english].filter((key) => !usedKeys.has(key)),
      [],
      'in the catalogs but never used',
    );
  });
});
