// commander's own texts in the run's language: its parse errors (unknown option, missing argument, …) and the
// "(default: …)" its help adds to an option. Its English is recognised by the error's code and spelled again from
// the catalogs; a message of a shape it does not know passes through as commander wrote it.
import type { Argument, Option } from 'commander';
import { t } from '../i18n/index.ts';

/** commander's "\n(Did you mean --x?)" or "\n(Did you mean one of --x, --y?)" after an unknown option or command. */
const suggestionPattern = /\n\(Did you mean (one of )?(.+)\?\)$/s;

function suggestionText(message: string): { text: string; rest: string } {
  const match = suggestionPattern.exec(message);
  if (!match) return { text: '', rest: message };
  const text = match[1]
    ? t('cli.commander.didYouMeanOneOf', { candidates: match[2] })
    : t('cli.commander.didYouMean', { candidate: match[2] });
  return { text: `\n${text}`, rest: message.slice(0, match.index) };
}

/** The body of commander's message (after "error: ") in the current language, or undefined for a shape it does not know. */
function translatedBody(code: string, body: string): string | undefined {
  let match: RegExpExecArray | null;
  switch (code) {
    case 'commander.unknownOption':
      match = /^unknown option '(.+)'$/s.exec(body);
      return match ? t('cli.commander.unknownOption', { option: match[1] }) : undefined;
    case 'commander.unknownCommand':
      match = /^unknown command '(.+)'$/s.exec(body);
      return match ? t('cli.commander.unknownCommand', { command: match[1] }) : undefined;
    case 'commander.missingArgument':
      match = /^missing required argument '(.+)'$/s.exec(body);
      return match ? t('cli.commander.missingArgument', { argument: match[1] }) : undefined;
    case 'commander.optionMissingArgument':
      match = /^option '(.+)' argument missing$/s.exec(body);
      return match ? t('cli.commander.optionMissingArgument', { option: match[1] }) : undefined;
    case 'commander.missingMandatoryOptionValue':
      match = /^required option '(.+)' not specified$/s.exec(body);
      return match ? t('cli.commander.missingMandatoryOption', { option: match[1] }) : undefined;
    case 'commander.excessArguments': {
      match = /^too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+): (.*)\.$/s.exec(body);
      if (!match) return undefined;
      const params = { command: match[1], count: Number(match[2]), received: match[3], args: match[4] };
      return match[1] ? t('cli.commander.excessArgumentsFor', params) : t('cli.commander.excessArguments', params);
    }
    case 'commander.invalidArgument':
      match = /^option '(.+?)' argument '(.*?)' is invalid\.(.*)$/s.exec(body);
      return match ? `${t('cli.commander.invalidOptionArgument', { option: match[1], value: match[2] })}${match[3]}` : undefined;
    default:
      return undefined;
  }
}

/** commander's error message (`error: …`) in the current language. */
export function commanderErrorText(message: string, code: string | undefined): string {
  if (!code || !message.startsWith('error: ')) return message;
  const { text: suggestion, rest } = suggestionText(message.slice('error: '.length));
  const body = translatedBody(code, rest);
  return body === undefined ? message : `${t('cli.error.label')} ${body}${suggestion}`;
}

/** What commander's help adds after a description: choices, the default, the preset, the environment variable. */
function withExtraInfo(description: string, extra: string[]): string {
  if (!extra.length) return description;
  const info = extra.join(', ');
  return description ? t('help.commander.described', { description, info }) : t('help.commander.info', { info });
}

const choicesText = (choices: readonly string[] | undefined) =>
  choices ? [t('help.commander.choices', { choices: choices.map((choice) => JSON.stringify(choice)).join(', ') })] : [];

/** commander's Help.optionDescription, in the current language. */
export function optionDescription(option: Option): string {
  const extra = choicesText(option.argChoices);
  // As commander: a default is shown for an option that takes a value, or a boolean one that defaults to a boolean.
  const showDefault = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
  if (option.defaultValue !== undefined && showDefault)
    extra.push(t('help.commander.default', { value: option.defaultValueDescription || JSON.stringify(option.defaultValue) }));
  if (option.presetArg !== undefined && option.optional)
    extra.push(t('help.commander.preset', { value: JSON.stringify(option.presetArg) }));
  if (option.envVar !== undefined) extra.push(t('help.commander.env', { name: option.envVar }));
  return withExtraInfo(option.description, extra);
}

/** commander's Help.argumentDescription, in the current language. */
export function argumentDescription(argument: Argument): string {
  const extra = choicesText(argument.argChoices);
  if (argument.defaultValue !== undefined)
    extra.push(t('help.commander.default', { value: argument.defaultValueDescription || JSON.stringify(argument.defaultValue) }));
  return withExtraInfo(argument.description, extra);
}
