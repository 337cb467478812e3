// kubectl's global flags, accepted before or after any command and shown in every command's help.
import type { Command } from 'commander';
import { t } from '../../i18n/index.ts';

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--kubeconfig <file>', t('help.globals.option.kubeconfig'))
    .option('--context <name>', t('help.globals.option.context'))
    .option('--all-contexts', t('help.globals.option.allContexts'))
    .option('-n, --namespace <namespace>', t('help.globals.option.namespace'))
    .option('-A, --all-namespaces', t('help.globals.option.allNamespaces'))
    .option('-o, --output <format>', t('help.globals.option.output'), 'table')
    .option('--request-timeout <duration>', t('help.globals.option.requestTimeout'), '0')
    .option('--lang <language>', t('help.globals.option.lang'))
    .option('--config <file>', t('help.globals.option.config'));
}
