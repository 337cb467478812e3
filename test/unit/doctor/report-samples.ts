// Doctor reports for the markdown and HTML renderers' tests: a fixture's findings (every kind of fix, related
// findings) placed in a file, and a finding whose text is hostile markup.
import type { Finding } from '../../../src/doctor/finding.ts';
import type { DoctorReport } from '../../../src/doctor/run.ts';
import { doctorOn } from './fixture.ts';

/** A report as `doctor -f` gives it: every finding and its related ones at a place in a file. */
export function inFiles(report: DoctorReport, file = 'deploy/manifests/shop.yaml'): DoctorReport {
  const at = (line: number) => ({ file, line, column: 3 });
  return {
    ...report,
    findings: report.findings.map((f, i) => ({
      ...f,
      location: at(10 * i + 1),
      ...(f.related ? { related: f.related.map((r, j) => ({ ...r, location: at(10 * i + j + 2) })) } : {}),
    })),
  };
}

/** The fixture with every kind of fix and related findings, each finding at a line of a manifest file. */
export const locatedReport = (): DoctorReport => inFiles(doctorOn('cluster.yaml', 'hpa-traps.yaml'), 'deploy/shop.yaml');

export const hostileMessage = '<script>alert("x")</script> | **bold** [link](https://example.com) `tick` & \u0001 end';

/** A finding whose message, object name and values fix are made of markup, backticks and control characters. */
export const hostileFinding: Finding = {
  id: 'HPA999',
  severity: 'error',
  kind: 'HorizontalPodAutoscaler',
  namespace: 'shop',
  name: 'web<img src=x>',
  message: hostileMessage,
  evidence: {},
  fix: { type: 'values', release: 'web', namespace: 'shop', values: [{ path: 'note', value: '```</code></pre><script>' }] },
};

export const withHostile = (report: DoctorReport): DoctorReport => ({
  findings: [...report.findings, hostileFinding],
  summary: { ...report.summary, errors: report.summary.errors + 1 },
});
