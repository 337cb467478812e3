// Wizard: scaling (replicas or min/max, CPU target, behavior, Apigee runtime's wait time), placement, Wallarm sidecar
// resources and the route, grouped, each field's message in place; the what-if chart of now against chosen below.
import { Box, Text } from 'ink';
import { isTextField, type FieldName, type WizardForm, type WizardValidation } from '../wizard.ts';
import type { WizardCurrent } from '../wizard-current.ts';
import type { WizardSimulation } from '../wizard-simulation.ts';
import type { Theme } from '../theme.ts';

export interface WizardScreenProps {
  theme: Theme;
  current: WizardCurrent;
  form: WizardForm;
  fields: FieldName[];
  focused: FieldName;
  validation: WizardValidation;
  simulation: WizardSimulation | null;
}

const labels: Record<FieldName, string> = {
  min: 'min replicas',
  max: 'max replicas',
  replicas: 'replicas',
  cpu: 'CPU target %',
  behavior: 'behavior',
  pattern: 'what-if load',
  waitTime: 'wait-time target',
  antiAffinity: 'anti-affinity',
  topology: 'topology key',
  weight: 'weight (1–100)',
  sidecar: 'sidecar',
  sidecarCpu: 'cpu request',
  sidecarMemory: 'memory request',
  sidecarCpuLimit: 'cpu limit',
  sidecarMemoryLimit: 'memory limit',
  route: 'route',
  valuesFile: 'values file',
};

/** The heading a field starts, when it is the first of its group on screen. */
const groupOf = (field: FieldName): string =>
  field === 'antiAffinity' || field === 'topology' || field === 'weight'
    ? 'Placement'
    : field.startsWith('sidecar')
      ? 'Wallarm sidecar resources'
      : field === 'route' || field === 'valuesFile'
        ? 'Route'
        : 'Scaling';

function subject(current: WizardCurrent): string {
  if (current.apigee)
    return `${current.apigee.kind}${current.apigee.env ? ` ${current.apigee.env}` : ''}, component ${current.apigee.component} (the operator renders the HPA from it)`;
  const scale = current.hpa
    ? `hpa/${current.hpa.name} now ${current.hpa.min}–${current.hpa.max}`
    : `now ${current.replicas} replicas, no HPA`;
  return `${scale}, anti-affinity ${current.antiAffinity}${current.antiAffinity === 'none' ? '' : ` (${current.topology})`}${current.helmRelease ? `, helm release ${current.helmRelease}` : ''}`;
}

const hintOf = (current: WizardCurrent, field: FieldName): string | null => {
  if (field === 'pattern') return 'only for the chart below; nothing is written';
  if (field === 'valuesFile') return 'optional: your values file gets the same change (comments kept)';
  if (field === 'route') return 'helm upgrade keeps the release the source of truth';
  if (field === 'waitTime') return "300M–450M, capital M; Apigee's default 400M";
  if (field === 'behavior' && current.hpa?.behavior === null) return 'now: none (the controller defaults)';
  return null;
};

const minutes = (seconds: number) => `${Math.round(seconds / 6) / 10} min`;

export function WizardScreen({ theme, current, form, fields, focused, validation, simulation }: WizardScreenProps) {
  const ready = validation.intents.length > 0;
  const others = Object.keys(form.sidecarEdits).filter((name) => name !== form.sidecar);
  return (
    <Box flexDirection="column">
      <Text bold>
        Edit {current.namespace}/{current.kind.toLowerCase()}/{current.name}
        <Text color={theme.muted}>
          {'  '}
          {subject(current)}
        </Text>
      </Text>
      <Box flexDirection="column">
        {fields.map((field, index) => {
          const isFocused = field === focused;
          const error = validation.errors[field];
          const group = groupOf(field);
          const hint = isFocused ? hintOf(current, field) : null;
          return (
            <Box key={field} flexDirection="column">
              {index === 0 || groupOf(fields[index - 1]!) !== group ? (
                <Text bold color={theme.muted}>
                  {'\n'}
                  {group}
                </Text>
              ) : null}
              <Text>
                <Text color={isFocused ? theme.accent : undefined}>{isFocused ? '▸ ' : '  '}</Text>
                {labels[field].padEnd(18)}
                {isTextField(field) ? (
                  <Text bold={isFocused}>
                    [{form[field]}
                    {isFocused ? '▏' : ''}]
                  </Text>
                ) : (
                  <Text bold={isFocused}>‹ {form[field]} ›</Text>
                )}
                {hint ? <Text color={theme.muted}>{`  ${hint}`}</Text> : null}
                {field === 'sidecar' && others.length ? (
                  <Text color={theme.muted}>{`  also in this change: ${others.join(', ')}`}</Text>
                ) : null}
              </Text>
              {error ? <Text color={theme.severity.error}>{`    ✗ ${error}`}</Text> : null}
            </Box>
          );
        })}
      </Box>
      {simulation ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold color={theme.muted}>
            What if: a {form.pattern} load for 30 min
          </Text>
          <Text>{simulation.chart.trimEnd()}</Text>
          <Text color={theme.muted}>
            now: peak {simulation.now.peakReplicas}, short of capacity {minutes(simulation.now.underProvisionedSeconds)},{' '}
            {Math.round(simulation.now.replicaMinutes)} replica-min · chosen: peak {simulation.chosen.peakReplicas}, short{' '}
            {minutes(simulation.chosen.underProvisionedSeconds)}, {Math.round(simulation.chosen.replicaMinutes)} replica-min
          </Text>
        </Box>
      ) : null}
      <Box marginTop={1}>
        {ready ? (
          <Text color={theme.ok}>
            enter reviews {validation.intents.length} change{validation.intents.length > 1 ? 's' : ''}
            {validation.route.direct ? ' as a direct patch' : current.helmRelease ? ' through helm upgrade' : ''} (server dry-run; nothing
            is written yet)
          </Text>
        ) : validation.formError && Object.keys(validation.errors).length === 0 ? (
          <Text color={theme.muted}>{validation.formError}</Text>
        ) : (
          <Text color={theme.severity.warning}>fix the fields above to review</Text>
        )}
      </Box>
      <Text color={theme.muted}>↑↓ tab field · type, backspace · ←→ or space change a choice · esc back</Text>
    </Box>
  );
}
