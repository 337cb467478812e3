import type { Command } from 'commander';
import type { Io } from '../program.ts';
import { withExamples } from './examples.ts';

export function registerCompletion(program: Command, io: Io): void {
  const completion = program
    .command('completion')
    .description(
      'print the shell completion script for bash, zsh, fish or powershell (kubectl scale-ha itself completes through kubectl_complete-scale_ha)',
    )
    .argument('<shell>', 'bash | zsh | fish | powershell')
    .action(async (shell: string) => (await import('../commands/completion.ts')).completionScriptAction(io, shell));
  withExamples(completion, [
    ['Complete kubectl-scale_ha in this bash session (needs the bash-completion package)', 'source <(kubectl scale-ha completion bash)'],
    ['For every zsh session', "echo 'source <(kubectl scale-ha completion zsh)' >> ~/.zshrc"],
    ['For fish', 'kubectl scale-ha completion fish > ~/.config/fish/completions/kubectl-scale_ha.fish'],
  ]);
  // The protocol both the scripts and kubectl_complete-scale_ha speak: `complete -- WORDS…`.
  program
    .command('complete', { hidden: true })
    .description('answer one completion request: the words after the command name, the last one being completed')
    .argument('[words...]')
    .allowUnknownOption()
    .action(async (words: string[]) => (await import('../commands/completion.ts')).completeAction(io, words, program));
}
