// Writes docs/checks.md from the check registries: `node --import tsx scripts/checks-doc.ts`.
import { writeFileSync } from 'node:fs';
import { checks } from '../src/doctor/checks/index.ts';
import type { CheckInfo } from '../src/doctor/finding.ts';
import { valuesCheckInfos } from '../src/doctor/values-files.ts';

const table = (infos: readonly CheckInfo[]) => [
  '| id | category | what |',
  '|---|---|---|',
  ...infos.map((c) => `| [${c.id}](#${c.id.toLowerCase()}) | ${c.category} | ${c.title} |`),
];
const sections = (infos: readonly CheckInfo[]) =>
  infos.flatMap((check) => {
    const [why = '', ...rest] = check.explain.split('\n');
    const guide = check.guide ? ['', 'Guide:', '', ...check.guide.split('\n').map((section) => `- ${section}`)] : [];
    return [`## ${check.id}`, '', `**${check.title}** (${check.category})`, '', why, '', ...rest, ...guide, ''];
  });

const lines = [
  '# Doctor checks reference',
  '',
  'Generated from `src/doctor/checks/` and `src/doctor/values-*.ts` by `node --import tsx scripts/checks-doc.ts`; a unit test keeps it in step. `kubectl scale-ha doctor --explain ID` prints the same text, in the language of `--lang` (en, ja); the guide sections name where a rule comes from in the vendors\' guides.',
  '',
  'Checks of the cluster (or of manifests):',
  '',
  ...table(checks),
  '',
  'Checks of values files, each finding at file:line:column (Apigee hybrid overrides.yaml, wallarm-sidecar values):',
  '',
  ...table(valuesCheckInfos),
  '',
  ...sections(checks),
  ...sections(valuesCheckInfos),
];
writeFileSync(new URL('../docs/checks.md', import.meta.url), lines.join('\n'));
