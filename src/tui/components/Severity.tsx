// A severity spelled as a letter (meaning without colour) and coloured by the theme.
import { Text } from 'ink';
import type { Severity } from '../../doctor/finding.ts';
import type { Theme } from '../theme.ts';

const letter: Record<Severity, string> = { error: 'E', warning: 'W', info: 'I' };

export function SeverityMark({ theme, severity }: { theme: Theme; severity: Severity }) {
  return (
    <Text bold color={theme.severity[severity]}>
      {letter[severity]}
    </Text>
  );
}
