// Wizard: scaling (replicas or min/max, CPU target, behavior, Apigee runtime's wait time), placement, Wallarm sidecar
// resources and the route, grouped, each field's message in place; the what-if chart of now against chosen below.
import { Box, Text } from 'ink';
import { t } from '../../i18n/index.ts';
import { isTextField, type FieldName, type WizardForm, type WizardValidation } from '../wizard.ts';
import type { WizardCurrent } from '../wizard-current.ts';
import type { WizardSimulation } from '../wizard-simulation.ts';
import type { Theme } from '../theme.ts';
import { padToWidth } from '../../i18n/width.ts';

export interface WizardScreenProps {
  theme: Theme;
  current: WizardCurrent;
  form: WizardForm;
  fields: FieldName[];
  focused: FieldName;
  validation: WizardValidation;
  simulation: WizardSimulation | null;
}

const fieldLabelKeys: Record<FieldName, string> = {
  min: 'tui.wizard.field.min',
  max: 'tui.wizard.field.max',
  replicas: 'tui.wizard.field.replicas',
  cpu: 'tui.wizard.field.cpu',
  behavior: 'tui.wizard.field.behavior',
  pattern: 'tui.wizard.field.pattern',
  waitTime: 'tui.wizard.field.waitTime',
  antiAffinity: 'tui.wizard.field.antiAffinity',
  topology: 'tui.wizard.field.topology',
  weight: 'tui.wizard.field.weight',
  sidecar: 'tui.wizard.field.sidecar',
  sidecarCpu: 'tui.wizard.field.sidecarCpu',
  sidecarMemory: 'tui.wizard.field.sidecarMemory',
  sidecarCpuLimit: 'tui.wizard.field.sidecarCpuLimit',
  sidecarMemoryLimit: 'tui.wizard.field.sidecarMemoryLimit',
  route: 'tui.wizard.field.route',
  valuesFile: 'tui.wizard.field.valuesFile',
};

/** Read when shown: the labels are in the language of the run (the validation's messages name fields the same way). */
const fieldLabel = (field: FieldName): string => t(fieldLabelKeys[field]);

/** The columns the labels take: the values line up, whatever the language. */
const labelColumns = 18;

/** The heading a field starts (a catalog key), when it is the first of its group on screen. */
const groupOf = (field: FieldName): string =>
  field === 'antiAffinity' || field === 'topology' || field === 'weight'
    ? 'tui.wizard.group.placement'
    : field.startsWith('sidecar')
      ? 'tui.wizard.group.sidecars'
      : field === 'route' || field === 'valuesFile'
        ? 'tui.wizard.group.route'
        : 'tui.wizard.group.scaling';

function subject(current: WizardCurrent): string {
  const { apigee, hpa, antiAffinity, topology, helmRelease } = current;
  if (apigee)
    return t('tui.wizard.subject.apigee', {
      owner: apigee.env ? `${apigee.kind} ${apigee.env}` : apigee.kind,
      component: apigee.component,
    });
  const parts = [
    hpa
      ? t('tui.wizard.subject.hpa', { name: hpa.name, min: hpa.min, max: hpa.max })
      : t('tui.wizard.subject.replicas', { replicas: current.replicas }),
    antiAffinity === 'none'
      ? t('tui.wizard.subject.antiAffinity', { mode: antiAffinity })
      : t('tui.wizard.subject.antiAffinityTopology', { mode: antiAffinity, topology }),
    ...(helmRelease ? [t('tui.wizard.subject.helmRelease', { release: helmRelease })] : []),
  ];
  return parts.join(t('tui.separator'));
}

const hintOf = (current: WizardCurrent, field: FieldName): string | null => {
  if (field === 'pattern') return t('tui.wizard.hint.pattern');
  if (field === 'valuesFile') return t('tui.wizard.hint.valuesFile');
  if (field === 'route') return t('tui.wizard.hint.route');
  if (field === 'waitTime') return t('tui.wizard.hint.waitTime');
  if (field === 'behavior' && current.hpa?.behavior === null) return t('tui.wizard.hint.behaviorNone');
  return null;
};

/** A choice as shown: the words of the run's language for "keep it" and the direct route; names and modes as they are. */
function choiceText(field: FieldName, value: string): string {
  if (field === 'behavior' && value === 'current') return t('tui.wizard.choice.current');
  if (field === 'route' && value === 'direct patch') return t('tui.wizard.choice.directPatch');
  return value;
}

const minutes = (seconds: number) => t('tui.wizard.minutes', { minutes: Math.round(seconds / 6) / 10 });

function readyText(count: number, direct: boolean, helm: boolean): string {
  if (direct) return t('tui.wizard.readyDirect', { count });
  return helm ? t('tui.wizard.readyHelm', { count }) : t('tui.wizard.ready', { count });
}

export function WizardScreen({ theme, current, form, fields, focused, validation, simulation }: WizardScreenProps) {
  const ready = validation.intents.length > 0;
  const others = Object.keys(form.sidecarEdits).filter((name) => name !== form.sidecar);
  return (
    <Box flexDirection="column">
      <Text bold>
        {t('tui.wizard.title', { object: `${current.namespace}/${current.kind.toLowerCase()}/${current.name}` })}
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
                  {t(group)}
                </Text>
              ) : null}
              <Text>
                <Text color={isFocused ? theme.accent : undefined}>{isFocused ? '▸ ' : '  '}</Text>
                {padToWidth(fieldLabel(field), labelColumns)}
                {isTextField(field) ? (
                  <Text bold={isFocused}>
                    [{form[field]}
                    {isFocused ? '▏' : ''}]
                  </Text>
                ) : (
                  <Text bold={isFocused}>‹ {choiceText(field, form[field])} ›</Text>
                )}
                {hint ? <Text color={theme.muted}>{`  ${hint}`}</Text> : null}
                {field === 'sidecar' && others.length ? (
                  <Text color={theme.muted}>{`  ${t('tui.wizard.alsoInChange', { names: others.join(', ') })}`}</Text>
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
            {t('tui.wizard.whatIf', { pattern: form.pattern })}
          </Text>
          <Text>{simulation.chart.trimEnd()}</Text>
          <Text color={theme.muted}>
            {t('tui.wizard.summary', {
              nowPeak: simulation.now.peakReplicas,
              nowShort: minutes(simulation.now.underProvisionedSeconds),
              nowCost: Math.round(simulation.now.replicaMinutes),
              chosenPeak: simulation.chosen.peakReplicas,
              chosenShort: minutes(simulation.chosen.underProvisionedSeconds),
              chosenCost: Math.round(simulation.chosen.replicaMinutes),
            })}
          </Text>
        </Box>
      ) : null}
      <Box marginTop={1}>
        {ready ? (
          <Text color={theme.ok}>{readyText(validation.intents.length, validation.route.direct, current.helmRelease !== null)}</Text>
        ) : validation.formError && Object.keys(validation.errors).length === 0 ? (
          <Text color={theme.muted}>{validation.formError}</Text>
        ) : (
          <Text color={theme.severity.warning}>{t('tui.wizard.fixFields')}</Text>
        )}
      </Box>
      <Text color={theme.muted}>{t('tui.wizard.keys')}</Text>
    </Box>
  );
}
