// kubectl's global flags, accepted before or after any command and shown in every command's help.
import type { Command } from 'commander';

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--kubeconfig <file>', 'path to the kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', "the kubeconfig context to use; list and doctor take a pattern too ('prod-*')")
    .option('--all-contexts', 'list and doctor: every context of the kubeconfig, in one report with a CONTEXT column')
    .option('-n, --namespace <namespace>', "namespace scope (default: the context's namespace)")
    .option('-A, --all-namespaces', 'all namespaces')
    .option(
      '-o, --output <format>',
      "output format: table|json|yaml|jsonpath=TEMPLATE|jsonpath-file=FILE (kubectl's JSONPath: docs/output.md)",
      'table',
    )
    .option('--request-timeout <duration>', 'time to wait for each API request, e.g. 30s, 1m (0 = no limit)', '0')
    .option('--lang <language>', "language of messages and help: en or ja (default: the config file's lang, else LC_ALL/LC_MESSAGES/LANG)")
    .option('--config <file>', "the plugin's config file (default: $SCALE_HA_CONFIG, else $XDG_CONFIG_HOME/kubectl-scale-ha/config.yaml)");
}
