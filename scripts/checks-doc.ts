// Writes docs/checks.md from the check registry: `node --import tsx scripts/checks-doc.ts`.
import { writeFileSync } from 'node:fs';
import { checks } from '../src/doctor/checks/index.ts';

const lines = [
  '# Doctor checks reference',
  '',
  'Generated from `src/doctor/checks/` by `node --import tsx scripts/checks-doc.ts`; a unit test keeps it in step. `kubectl scale-ha doctor --explain ID` prints the same text.',
  '',
  '| id | category | what |',
  '|---|---|---|',
  ...checks.map((c) => `| [${c.id}](#${c.id.toLowerCase()}) | ${c.category} | ${c.title} |`),
  '',
];
for (const check of checks) {
  const [why = '', ...rest] = check.explain.split('\n');
  lines.push(`## ${check.id}`, '', `**${check.title}** (${check.category})`, '', why, '', ...rest, '');
}
writeFileSync(new URL('../docs/checks.md', import.meta.url), lines.join('\n'));
