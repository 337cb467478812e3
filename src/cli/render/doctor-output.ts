// Every format `doctor -o` writes, in one place: the common table/json/yaml/jsonpath plus sarif and junit for CI and
// markdown and html reports, which only the doctor has (other commands keep output.ts's parseOutputFormat).
import type { CheckInfo, Severity } from '../../doctor/finding.ts';
import { allCheckInfos, type DoctorReport } from '../../doctor/run.ts';
import { parseOutputFormat, renderData, type OutputFormat } from '../output.ts';
import { doctorReportData, renderDoctorTable } from './doctor.ts';
import type { Paint } from './paint.ts';
import type { ReportSource } from './report-document.ts';

/** The formats only a report of findings has: CI's and the documents for people. */
const reportFormats = ['sarif', 'junit', 'markdown', 'html'] as const;
export type DoctorReportFormat = (typeof reportFormats)[number];
export type DoctorFormat = OutputFormat | DoctorReportFormat;

export function parseDoctorFormat(value: string | undefined): DoctorFormat {
  const text = (value ?? 'table').replace(/^=/, '');
  if ((reportFormats as readonly string[]).includes(text)) return text as DoctorReportFormat;
  return parseOutputFormat(value, { others: reportFormats, command: 'doctor' });
}

export const isReportFormat = (format: DoctorFormat): format is DoctorReportFormat =>
  (reportFormats as readonly unknown[]).includes(format);

export interface DoctorOutputOptions {
  /** Colours of the table; the other formats ignore it. */
  paint: Paint;
  /** The terminal's width, to wrap the table at (output.ts wrapWidth); none for a pipe. */
  width?: number | undefined;
  /** `--fail-on`: the findings JUnit counts as failures, so the report agrees with the exit code. */
  failOn: Severity | 'none';
  /** The checks that ran (SARIF's rules, JUnit's passing testcases); every check, values-file ones too, when not given. */
  checks?: readonly CheckInfo[];
  /** The snapshot's context, namespace and time, which the markdown and html reports name. */
  source?: ReportSource | undefined;
}

/** The report in `format`; CI's and the documents' renderers are loaded by the runs that ask for them. */
export async function renderDoctorReport(format: DoctorFormat, report: DoctorReport, options: DoctorOutputOptions): Promise<string> {
  const checks = options.checks ?? allCheckInfos;
  switch (format) {
    case 'table':
      return renderDoctorTable(report, options.paint, options.width);
    case 'sarif':
      return (await import('./sarif.ts')).renderSarif(report, checks);
    case 'junit':
      return (await import('./junit.ts')).renderJunit(report, checks, options.failOn);
    case 'markdown':
      return (await import('./markdown.ts')).renderMarkdown(report, options.source);
    case 'html':
      return (await import('./html.ts')).renderHtml(report, options.source);
    default:
      return renderData(format, doctorReportData(report));
  }
}
