// The English catalog: one file per area (src/i18n/en/AREA.json holds the keys under AREA.),
// so that each area's messages are edited in one place.
import type { Catalog } from './index.ts';
import apply from './en/apply.json' with { type: 'json' };
import checks from './en/checks.json' with { type: 'json' };
import cli from './en/cli.json' with { type: 'json' };
import configFile from './en/configFile.json' with { type: 'json' };
import doctorRun from './en/doctorRun.json' with { type: 'json' };
import findings from './en/findings.json' with { type: 'json' };
import fixes from './en/fixes.json' with { type: 'json' };
import guides from './en/guides.json' with { type: 'json' };
import helm from './en/helm.json' with { type: 'json' };
import help from './en/help.json' with { type: 'json' };
import hpa from './en/hpa.json' with { type: 'json' };
import k8s from './en/k8s.json' with { type: 'json' };
import kube from './en/kube.json' with { type: 'json' };
import plan from './en/plan.json' with { type: 'json' };
import profiles from './en/profiles.json' with { type: 'json' };
import report from './en/report.json' with { type: 'json' };
import snapshot from './en/snapshot.json' with { type: 'json' };
import timeline from './en/timeline.json' with { type: 'json' };
import tui from './en/tui.json' with { type: 'json' };
import valuesFile from './en/valuesFile.json' with { type: 'json' };

const catalog: Catalog = {
  apply,
  checks,
  cli,
  configFile,
  doctorRun,
  findings,
  fixes,
  guides,
  helm,
  help,
  hpa,
  k8s,
  kube,
  plan,
  profiles,
  report,
  snapshot,
  timeline,
  tui,
  valuesFile,
};
export default catalog;
