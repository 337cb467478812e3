import type { Command } from 'commander';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';
import { t } from '../../i18n/index.ts';

export function registerCompletion(program: Command, io: Io): void {
  const completion = program
    .command('completion')
    .description(t('help.completion.description'))
    .argument('<shell>', t('help.completion.argument.shell'))
    .action(async (shell: string) => (await import('../commands/completion.ts')).completionScriptAction(io, shell));
  withExamples(completion, [
    [t('help.completion.exampleBash'), 'source <(kubectl scale-ha completion bash)'],
    [t('help.completion.exampleZsh'), "echo 'source <(kubectl scale-ha completion zsh)' >> ~/.zshrc"],
    [t('help.completion.example1'), 'kubectl scale-ha completion fish > ~/.config/fish/completions/kubectl-scale_ha.fish'],
  ]);
  // The protocol both the scripts and kubectl_complete-scale_ha speak: `complete -- WORDS…`.
  program
    .command('complete', { hidden: true })
    .description(t('help.completion.description2'))
    .argument('[words...]')
    .allowUnknownOption()
    .action(async (words: string[]) => (await import('../commands/completion.ts')).completeAction(io, words, program));
}
