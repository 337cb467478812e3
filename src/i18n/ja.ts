// The Japanese catalog: one file per area (src/i18n/ja/AREA.json holds the keys under AREA.),
// so that each area's messages are edited in one place.
import type { Catalog } from './index.ts';
import apply from './ja/apply.json' with { type: 'json' };
import checks from './ja/checks.json' with { type: 'json' };
import cli from './ja/cli.json' with { type: 'json' };
import configFile from './ja/configFile.json' with { type: 'json' };
import doctorRun from './ja/doctorRun.json' with { type: 'json' };
import findings from './ja/findings.json' with { type: 'json' };
import fixes from './ja/fixes.json' with { type: 'json' };
import guides from './ja/guides.json' with { type: 'json' };
import helm from './ja/helm.json' with { type: 'json' };
import help from './ja/help.json' with { type: 'json' };
import hpa from './ja/hpa.json' with { type: 'json' };
import k8s from './ja/k8s.json' with { type: 'json' };
import kube from './ja/kube.json' with { type: 'json' };
import plan from './ja/plan.json' with { type: 'json' };
import profiles from './ja/profiles.json' with { type: 'json' };
import report from './ja/report.json' with { type: 'json' };
import snapshot from './ja/snapshot.json' with { type: 'json' };
import timeline from './ja/timeline.json' with { type: 'json' };
import tui from './ja/tui.json' with { type: 'json' };
import valuesFile from './ja/valuesFile.json' with { type: 'json' };

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
