// Shell completion: `completion bash|zsh|fish` prints a script (from @bomb.sh/tab), and the hidden
// `complete -- WORDS…` answers one request in Cobra's protocol (values, then `:directive`), which is
// also what kubectl's plugin completion expects from kubectl_complete-scale_ha.
import { type Command as TabCommand, type Complete, RootCommand, script } from '@bomb.sh/tab';
import type { Command } from 'commander';
import { t } from '../../i18n/index.ts';
import { presetNames } from '../../hpa/presets.ts';
import { loadPatternNames } from '../../hpa/load.ts';
import { usageError } from '../../k8s/errors.ts';
import { environmentComponents, organizationComponents } from '../../profiles/apigee.ts';
import { sidecarNames } from '../../profiles/wallarm.ts';
import type { ClusterNames } from '../../apply/names.ts';
import { outputFormats } from '../output.ts';
import type { Io } from '../program.ts';
import { allCommands } from '../program.ts';

export const completionShells = ['bash', 'zsh', 'fish', 'powershell'] as const;
type Shell = (typeof completionShells)[number];

/** The executable the scripts call back: kubectl's plugin name, so it is on PATH wherever kubectl finds it. */
const executable = 'kubectl-scale_ha';

/** Values read when asked for: from the cluster, the kubeconfig, the doctor's checks or the journal. */
type Lookup = ClusterNames | 'contexts' | 'check-ids' | 'journal-ids';
type Source = readonly (string | { lookup: Lookup })[];

const cluster = (lookup: Lookup) => ({ lookup });
const fileValue = 'file';

/** By "COMMAND PATH --flag" first, then "--flag" alone (the global flags and those spelled alike everywhere). */
const optionSources: Record<string, Source | typeof fileValue> = {
  '--namespace': [cluster('namespaces')],
  '--context': [cluster('contexts')],
  '--output': outputFormats,
  '--kubeconfig': fileValue,
  '--fail-on': ['error', 'warning', 'info', 'none'],
  '--explain': [cluster('check-ids')],
  '--pattern': loadPatternNames,
  'simulate --behavior': ['current', ...presetNames],
  'simulate --compare': ['current', ...presetNames],
  '--behavior': presetNames,
  '--spec': fileValue,
  '--load': fileValue,
  '--values': fileValue,
  '--chart': fileValue,
  '--helm': fileValue,
  '--anti-affinity': ['none', 'preferred', 'required'],
  '--topology-key': ['hostname', 'zone'],
  '--topology-spread': ['hostname', 'zone', 'none'],
  '--when-unsatisfiable': ['ScheduleAnyway', 'DoNotSchedule'],
  '--sidecar': sidecarNames,
  '--dry-run': ['server', 'client'],
};

/** By "COMMAND PATH #position". */
const argumentSources: Record<string, Source> = {
  'doctor #0': ['hpa', 'ha', 'resources', cluster('hpas')],
  'doctor #1': [cluster('hpas')],
  'simulate #0': [cluster('hpas')],
  'timeline #0': [cluster('hpas')],
  'patch env #0': [...Object.keys(environmentComponents), cluster('apigee-environments')],
  'patch env #1': Object.keys(environmentComponents),
  'patch org #0': Object.keys(organizationComponents),
  'patch hpa #0': [cluster('hpas')],
  'patch workload #0': [cluster('workloads')],
  'undo #0': [cluster('journal-ids')],
  'completion #0': completionShells,
};

export function completionScriptAction(io: Io, shell: string): void {
  if (!(completionShells as readonly string[]).includes(shell))
    throw usageError(t('cli.usage.completionShell', { shell, shells: completionShells.join(', ') }));
  io.stdout.write(printed(() => script(shell as Shell, executable, executable)));
}

/** One completion request: WORDS are the arguments after the plugin's name, the last one being completed. */
export async function completeAction(io: Io, words: string[], program: Command): Promise<void> {
  const wanted = new Set<Lookup>();
  // First pass: which lookups this position needs. Most need none (a command or flag name), and then no request is sent.
  const first = answer(program, words, (lookup) => void wanted.add(lookup), new Map());
  if (wanted.size === 0) return void io.stdout.write(first);
  const found = new Map<Lookup, string[]>();
  await Promise.all([...wanted].map(async (lookup) => found.set(lookup, await lookUp(lookup, words, io.env))));
  io.stdout.write(answer(program, words, () => {}, found));
}

function answer(program: Command, words: string[], want: (lookup: Lookup) => void, found: Map<Lookup, string[]>): string {
  let filesToo = false;
  const complete = (source: Source | typeof fileValue | undefined) => (add: Complete) => {
    if (source === fileValue) filesToo = true;
    else
      for (const value of source ?? []) {
        if (typeof value === 'string') add(value, '');
        else {
          want(value.lookup);
          for (const name of found.get(value.lookup) ?? []) add(name, '');
        }
      }
  };
  const root = tabTree(
    program,
    (path, flag) => complete(optionSources[`${path} ${flag}`] ?? optionSources[flag]),
    (path, position) => complete(argumentSources[`${path} #${position}`]),
  );
  // tab reads "--flag=value" only in the word being completed: split the earlier ones as commander would.
  const split = words.slice(0, -1).flatMap((word) => (/^--[^=]+=/.test(word) ? word.split(/=(.*)/s, 2) : [word]));
  const text = printed(() => root.parse([...split, ...words.slice(-1)]));
  // tab always says "no file completion"; a flag that takes a file lets the shell offer files.
  return filesToo ? text.replace(/:\d+\n$/, ':0\n') : text;
}

type Handler = (add: Complete) => void;

/** tab's model of the command tree, from commander's: commands by path, flags with their values, positional arguments. */
function tabTree(
  program: Command,
  optionHandler: (path: string, flag: string) => Handler,
  argumentHandler: (path: string, position: number) => Handler,
): RootCommand {
  const root = new RootCommand();
  // A flag of the program (a global flag) is found after any command, as commander parses it.
  root.optionLookupMode = 'parent-first';
  const describe = (target: TabCommand, command: Command, path: string) => {
    for (const option of command.options) {
      if (!option.long || option.hidden) continue;
      const name = option.long.slice(2);
      const alias = option.short?.slice(1);
      if (option.required || option.optional) target.option(name, option.description, optionHandler(path, option.long), alias);
      else if (alias) target.option(name, option.description, alias);
      else target.option(name, option.description);
    }
    command.registeredArguments.forEach((argument, position) => {
      target.argument(argument.name(), argumentHandler(path, position), argument.variadic);
    });
  };
  describe(root, program, '');
  for (const command of allCommands(program)) {
    if ((command as Command & { _hidden?: boolean })._hidden) continue;
    const path = pathOf(command);
    describe(root.command(path, command.description()), command, path);
  }
  return root;
}

function pathOf(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** tab prints with console.log; the CLI writes through its Io. */
function printed(print: () => void): string {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => void lines.push(parts.join(' '));
  try {
    print();
  } finally {
    console.log = log;
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** The kubeconfig, context and namespace the words name, as the command would read them. */
function globalsIn(words: string[]): { kubeconfig?: string; context?: string; namespace?: string } {
  const globals: Record<string, string> = {};
  const keys: Record<string, string> = {
    '--kubeconfig': 'kubeconfig',
    '--context': 'context',
    '-n': 'namespace',
    '--namespace': 'namespace',
  };
  words.forEach((word, i) => {
    const [flag, inline] = word.split(/=(.*)/s, 2) as [string, string | undefined];
    const key = keys[flag];
    const value = inline ?? words[i + 1];
    if (key && value) globals[key] = value;
  });
  return globals;
}

/** A completion must come back at once: a slow or unreachable cluster gives no names, never an error. */
const lookupTimeoutMs = 2000;

async function lookUp(lookup: Lookup, words: string[], env: NodeJS.ProcessEnv): Promise<string[]> {
  try {
    if (lookup === 'check-ids') return (await import('../../doctor/checks/index.ts')).checks.map((check) => check.id);
    if (lookup === 'journal-ids') {
      const { journalDir, readEntries } = await import('../../apply/journal.ts');
      return readEntries(journalDir(env), () => {})
        .map((entry) => entry.id)
        .reverse();
    }
    const { kubeconfigContexts, openSession } = await import('../../apply/session.ts');
    const { kubeconfig, context, namespace } = globalsIn(words);
    if (lookup === 'contexts') return kubeconfigContexts({ kubeconfig, context }).names;
    const { listClusterNames } = await import('../../apply/names.ts');
    const session = openSession({ kubeconfig, context, namespace, timeoutMs: lookupTimeoutMs });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string[]>((resolve) => {
      timer = setTimeout(() => resolve([]), lookupTimeoutMs);
    });
    try {
      return await Promise.race([listClusterNames(session, lookup), timeout]);
    } finally {
      clearTimeout(timer);
    }
  } catch {
    return [];
  }
}
