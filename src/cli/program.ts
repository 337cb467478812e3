// The commander program: global flags, commands, and the one place that turns errors into exit codes.
import { Command, CommanderError } from 'commander';
import { ExitCode, UserError } from '../k8s/errors.ts';
import { registerDoctor } from './commands/doctor.ts';
import { registerHistory } from './commands/history.ts';
import { registerList } from './commands/list.ts';
import { registerPatch } from './commands/patch.ts';
import { registerSimulate } from './commands/simulate.ts';
import { registerTui } from './commands/tui.ts';
import { registerUndo } from './commands/undo.ts';
import { registerVersion } from './commands/version.ts';
import { addGlobalOptions } from './context.ts';
import { colorEnabled, type Writer } from './output.ts';
import { painter } from './render/paint.ts';
import { remedyCommand } from './render/commands.ts';
import { OwnerRefusal } from '../plan/owner.ts';

export interface Io {
  stdout: Writer;
  stderr: Writer;
  env: NodeJS.ProcessEnv;
  /** Set by a command that succeeded but must exit non-zero (doctor with findings). */
  exitCode?: number;
  /** Set by write commands: a closed output pipe must not stop a write half-way (main.ts). */
  finishWritesOnClosedOutput?: boolean;
}

export function buildProgram(io: Io): Command {
  const program = new Command('kubectl scale-ha')
    .description(
      'Get replicas, pod anti-affinity, resource requests and HPAs right — for Apigee hybrid, Wallarm Sidecar and plain workloads.',
    )
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .addHelpText(
      'after',
      `
Exit codes:
  0 success    1 server busy/failing or unexpected failure    2 usage error or refused change (nothing written)
  3 doctor found problems    4 kubeconfig error    5 cluster unreachable / TLS / timeout
  6 access denied (RBAC or policy)    7 not found    8 conflict (object changed meanwhile)
  130/143 interrupted (SIGINT/SIGTERM) after a write in flight was finished and journaled`,
    )
    .exitOverride();
  addGlobalOptions(program);
  registerVersion(program, io);
  registerList(program, io);
  registerDoctor(program, io);
  registerSimulate(program, io);
  registerPatch(program, io);
  registerUndo(program, io);
  registerHistory(program, io);
  registerTui(program, io);
  for (const command of program.commands)
    command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  return program;
}

/** Runs the CLI and returns its exit code; never throws, never prints a stack trace. */
export async function run(argv: string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return io.exitCode ?? ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help')
        return ExitCode.ok;
      return ExitCode.usage;
    }
    printError(error, io);
    return error instanceof UserError ? error.exitCode : ExitCode.failure;
  }
}

export function printError(error: unknown, io: Io): void {
  const paint = painter(colorEnabled(io.stderr, io.env));
  if (error instanceof UserError) {
    // An owner's refusal carries its remedy as data: the CLI spells it as a command line.
    const remedy = error instanceof OwnerRefusal && error.remedy ? `\n  ${remedyCommand(error.remedy)}` : '';
    const hint = error.hint ? `\n${paint('dim', 'hint:')} ${error.hint}${remedy}` : '';
    io.stderr.write(`${paint('red', 'error:')} ${error.message}${hint}\n`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(
    `${paint('red', 'error:')} unexpected failure: ${message}\nhint: this is a bug in kubectl scale-ha; run with SCALE_HA_DEBUG=1 for details and report it.\n`,
  );
  if (io.env.SCALE_HA_DEBUG && error instanceof Error && error.stack) io.stderr.write(error.stack + '\n');
}
