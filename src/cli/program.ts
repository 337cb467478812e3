// The commander program: global flags, commands, and the one place that turns errors into exit codes.
import { Command, CommanderError, type ErrorOptions } from 'commander';
import { ExitCode, UserError, usageError } from '../k8s/errors.ts';
import { colorEnabled, type Writer } from './terminal.ts';
import { painter } from './render/paint.ts';
import type { OwnerRefusal } from '../plan/owner.ts';
import { registerCompletion } from './usage/completion.ts';
import { registerConfig } from './usage/config.ts';
import { registerDoctor } from './usage/doctor.ts';
import { withExamples } from './usage/examples.ts';
import { addGlobalOptions } from './usage/globals.ts';
import { registerHistory } from './usage/history.ts';
import { registerList } from './usage/list.ts';
import { registerPatch } from './usage/patch.ts';
import { registerSimulate } from './usage/simulate.ts';
import { registerTimeline } from './usage/timeline.ts';
import { registerTui } from './usage/tui.ts';
import { registerUndo } from './usage/undo.ts';
import { registerVersion } from './usage/version.ts';
import { pluginVersion } from './version.ts';
import { chooseLanguage } from './language.ts';
import { selectLanguage, t } from '../i18n/index.ts';
import { argumentDescription, commanderErrorText, optionDescription } from './commander-text.ts';

export interface Io {
  stdout: Writer;
  stderr: Writer;
  env: NodeJS.ProcessEnv;
  /** Set by a command that succeeded but must exit non-zero (doctor with findings). */
  exitCode?: number;
  /** Set by write commands: a closed output pipe must not stop a write half-way (main.ts). */
  finishWritesOnClosedOutput?: boolean;
}

/** commander's section titles, in the run's language. */
const helpTitles: Record<string, string> = {
  'Usage:': 'help.title.usage',
  'Arguments:': 'help.title.arguments',
  'Options:': 'help.title.options',
  'Global Options:': 'help.title.globalOptions',
  'Commands:': 'help.title.commands',
};
const helpTitle = (title: string) => (helpTitles[title] ? t(helpTitles[title]) : title);

/** kubectl's shape: a command named without its subcommand (or nothing at all) prints its help on stdout and exits 0. */
class KubectlCommand extends Command {
  override createCommand(name?: string): Command {
    return new KubectlCommand(name);
  }

  override help(): never {
    return super.help({ error: false });
  }

  /** commander's parse errors (unknown option, missing argument, …) in the run's language; the exit code stays 2 (run). */
  override error(message: string, errorOptions?: ErrorOptions): never {
    return super.error(commanderErrorText(message, errorOptions?.code), errorOptions);
  }
}

/** `help patch env`: commander's own help command reads one word only. */
function registerHelp(program: Command): void {
  program.helpCommand(false);
  program
    .command('help')
    .description(t('help.program.help.description'))
    .argument('[command...]', t('help.program.help.argument'))
    .action((words: string[]) => {
      let command = program;
      for (const word of words) {
        const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
        if (!sub) throw usageError(t('help.program.help.unknown', { command: words.join(' ') }), t('help.program.help.hint'));
        command = sub;
      }
      command.help();
    });
}

/** Every command, in the order help lists them. */
const commands: readonly (readonly [name: string, register: (program: Command, io: Io) => void])[] = [
  ['version', registerVersion],
  ['list', registerList],
  ['doctor', registerDoctor],
  ['simulate', registerSimulate],
  ['timeline', registerTimeline],
  ['patch', registerPatch],
  ['undo', registerUndo],
  ['history', registerHistory],
  ['tui', registerTui],
  ['completion', registerCompletion],
  ['config', registerConfig],
];

/** A command a run may build alone (see buildProgram); completion walks the whole tree. */
const registrationAlone = (name: string | undefined) =>
  name === 'completion' ? undefined : commands.find(([command]) => command === name)?.[1];

/**
 * The registration of the command `argv` runs, as commander will dispatch it: the first operand once the global flags
 * are read (`-n list doctor` runs doctor). Undefined when that is not plain (an unknown flag first, help, completion).
 */
function commandNamed(argv: readonly string[]): ((program: Command, io: Io) => void) | undefined {
  try {
    const probe = addGlobalOptions(new Command().exitOverride());
    return registrationAlone(probe.parseOptions([...argv]).operands[0]);
  } catch {
    return undefined; // a global flag's value refused: the whole program reports it
  }
}

/**
 * The commander program. Given the run's argv, only the command it names is built: every command's flags and
 * translated help cost ~7 ms at each start, and a run uses one. Without argv (or when the command is not plain),
 * the whole tree: help, completion, unknown-command suggestions.
 */
export function buildProgram(io: Io, argv?: readonly string[]): Command {
  const program = new KubectlCommand('kubectl scale-ha')
    .description(t('help.program.description'))
    .version(pluginVersion, '--version', t('help.program.version'))
    .showHelpAfterError(t('help.program.afterError'))
    // Set before the commands are added: each inherits it.
    .helpOption('-h, --help', t('help.program.helpOption'))
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    // Inherited by every command: the global flags are listed in each command's help, as kubectl's "Options inherited from parent commands".
    .configureHelp({ showGlobalOptions: true, styleTitle: helpTitle, optionDescription, argumentDescription })
    .exitOverride();
  addGlobalOptions(program);
  const named = argv ? commandNamed(argv) : undefined;
  if (named) named(program, io);
  else {
    for (const [, register] of commands) register(program, io);
    registerHelp(program);
    withExamples(program, [
      [t('help.program.example1'), 'kubectl scale-ha list -A'],
      [t('help.program.example2'), 'kubectl scale-ha doctor -n shop'],
      [t('help.program.example3'), 'kubectl scale-ha help patch env'],
    ]);
    program.addHelpText('after', t('help.program.exitCodes'));
  }
  for (const command of allCommands(program)) {
    command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
    // A group's own `help [command]` (patch help env), which commander adds with an English description.
    if (command.commands.length) command.helpCommand('help [command]', t('help.program.helpOption'));
  }
  return program;
}

/** Every command below the program, depth first. */
export function allCommands(command: Command): Command[] {
  return command.commands.flatMap((sub) => [sub, ...allCommands(sub)]);
}

/** Runs the CLI and returns its exit code; never throws, never prints a stack trace. */
export async function run(argv: string[], io: Io): Promise<number> {
  try {
    await selectLanguage(await chooseLanguage(argv, io.env));
    const program = buildProgram(io, argv);
    await program.parseAsync(argv, { from: 'user' });
    return io.exitCode ?? ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help')
        return ExitCode.ok;
      return ExitCode.usage;
    }
    await printError(error, io);
    return error instanceof UserError ? error.exitCode : ExitCode.failure;
  }
}

/** Async: an owner's remedy is spelled by the renderers, which an error loads; start-up does not. */
export async function printError(error: unknown, io: Io): Promise<void> {
  const paint = painter(colorEnabled(io.stderr, io.env));
  if (error instanceof UserError) {
    // An owner's refusal carries its remedy as data: the CLI spells it as a command line.
    const refusal = (error as Partial<OwnerRefusal>).remedy;
    const remedy = refusal ? `\n  ${(await import('./render/commands.ts')).remedyCommand(refusal)}` : '';
    const hint = error.hint ? `\n${paint('dim', t('cli.error.hint'))} ${error.hint}${remedy}` : '';
    io.stderr.write(`${paint('red', t('cli.error.label'))} ${error.message}${hint}\n`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(
    `${paint('red', t('cli.error.label'))} ${t('cli.error.unexpected', { message })}\n${t('cli.error.hint')} ${t('cli.error.bug')}\n`,
  );
  if (io.env.SCALE_HA_DEBUG && error instanceof Error && error.stack) io.stderr.write(error.stack + '\n');
}
