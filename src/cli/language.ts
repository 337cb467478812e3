// The language of a run, chosen once before the program is built (its help texts are translated):
// --lang > the config file's lang > LC_ALL / LC_MESSAGES / LANG > English.
import { existsSync } from 'node:fs';
import { isLanguage, languageOfLocale, languages, t, type Language } from '../i18n/index.ts';
import { usageError } from '../k8s/errors.ts';
import { configSource } from './config-source.ts';

/** The value of a global flag in raw argv (`--flag v` or `--flag=v`), before commander parses it. */
export function rawFlag(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') return undefined;
    if (word === flag) return argv[i + 1];
    if (word.startsWith(`${flag}=`)) return word.slice(flag.length + 1);
  }
  return undefined;
}

/** POSIX order: the first of LC_ALL, LC_MESSAGES, LANG that is set decides, even when it names a language we lack. */
export function languageOfEnvironment(env: NodeJS.ProcessEnv): Language {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value);
  return languageOfLocale(locale) ?? 'en';
}

/** The config file's lang, when the file exists and reads cleanly; a broken file is reported by the command that needs it. */
async function languageOfConfig(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<Language | undefined> {
  const flag = rawFlag(argv, '--config');
  const source = configSource(flag, env);
  if (!source.path || !existsSync(source.path)) return undefined;
  try {
    const { loadConfig } = await import('./config.ts');
    return loadConfig(flag, env).config.lang;
  } catch {
    return undefined;
  }
}

export async function chooseLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<Language> {
  const flag = rawFlag(argv, '--lang');
  if (flag !== undefined) {
    if (!isLanguage(flag))
      throw usageError(t('cli.lang.unknown', { value: flag }), t('cli.lang.hint', { languages: languages.join(', ') }));
    return flag;
  }
  return (await languageOfConfig(argv, env)) ?? languageOfEnvironment(env);
}
