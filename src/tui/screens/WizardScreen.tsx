// Wizard: the HPA's min/max (or the workload's replicas) and pod anti-affinity, each field's message in place.
import { Box, Text } from 'ink';
import type { Theme } from '../theme.ts';
import type { FieldName, WizardCurrent, WizardForm, WizardValidation } from '../wizard.ts';

export interface WizardScreenProps {
  theme: Theme;
  current: WizardCurrent;
  form: WizardForm;
  fields: FieldName[];
  focused: FieldName;
  validation: WizardValidation;
}

const labels: Record<FieldName, string> = {
  min: 'min replicas',
  max: 'max replicas',
  replicas: 'replicas',
  antiAffinity: 'anti-affinity',
  topology: 'topology key',
  weight: 'weight (1–100)',
};

const isChoice = (field: FieldName) => field === 'antiAffinity' || field === 'topology';

export function WizardScreen({ theme, current, form, fields, focused, validation }: WizardScreenProps) {
  const ready = validation.intents.length > 0;
  return (
    <Box flexDirection="column">
      <Text bold>
        Edit {current.namespace}/{current.kind.toLowerCase()}/{current.name}
        <Text color={theme.muted}>
          {'  '}
          {current.hpa
            ? `hpa/${current.hpa.name} now min ${current.hpa.min} max ${current.hpa.max}`
            : `now ${current.replicas} replicas, no HPA`}
          {`, anti-affinity ${current.antiAffinity}${current.antiAffinity === 'none' ? '' : ` (${current.topology})`}`}
        </Text>
      </Text>
      <Box flexDirection="column" marginTop={1}>
        {fields.map((field) => {
          const isFocused = field === focused;
          const error = validation.errors[field];
          return (
            <Box key={field} flexDirection="column">
              <Text>
                <Text color={isFocused ? theme.accent : undefined}>{isFocused ? '▸ ' : '  '}</Text>
                {labels[field].padEnd(16)}
                {isChoice(field) ? (
                  <Text bold={isFocused}>‹ {form[field]} ›</Text>
                ) : (
                  <Text bold={isFocused}>
                    [{form[field]}
                    {isFocused ? '▏' : ''}]
                  </Text>
                )}
              </Text>
              {error ? <Text color={theme.severity.error}>{`    ✗ ${error}`}</Text> : null}
            </Box>
          );
        })}
      </Box>
      <Box marginTop={1}>
        {ready ? (
          <Text color={theme.ok}>
            enter reviews {validation.intents.length} change{validation.intents.length > 1 ? 's' : ''} (server dry-run; nothing is written
            yet)
          </Text>
        ) : validation.formError && Object.keys(validation.errors).length === 0 ? (
          <Text color={theme.muted}>{validation.formError}</Text>
        ) : (
          <Text color={theme.severity.warning}>fix the fields above to review</Text>
        )}
      </Box>
      <Text color={theme.muted}>↑↓ field · type digits, backspace · ←→ or space change a choice · esc back</Text>
    </Box>
  );
}
