// Every format `doctor -o` writes, in one place: the common table/json/yaml plus sarif and junit for CI, which
// only the doctor has (other commands keep output.ts's parseOutputFormat).
import type { CheckInfo, Severity } from '../../doctor/finding.ts';
import { allCheckInfos, type DoctorReport } from '../../doctor/run.ts';
import { usageError } from '../../k8s/errors.ts';
import { outputFormats, renderData, type OutputFormat } from '../output.ts';
import { doctorReportData, renderDoctorTable } from './doctor.ts';
import { renderJunit } from './junit.ts';
import type { Paint } from './paint.ts';
import { renderSarif } from './sarif.ts';

export type DoctorOutputFormat = OutputFormat | 'sarif' | 'junit';
export const doctorOutputFormats: readonly DoctorOutputFormat[] = [...outputFormats, 'sarif', 'junit'];

export function parseDoctorOutputFormat(value: string | undefined): DoctorOutputFormat {
  const format = (value ?? 'table') as DoctorOutputFormat;
  if (!doctorOutputFormats.includes(format))
    throw usageError(`Unknown output format "${value}" for doctor.`, `Use -o ${doctorOutputFormats.join(', -o ')}.`);
  return format;
}

export interface DoctorOutputOptions {
  /** Colours of the table; the other formats ignore it. */
  paint: Paint;
  /** The terminal's width, to wrap the table at (output.ts wrapWidth); none for a pipe. */
  width?: number | undefined;
  /** `--fail-on`: the findings JUnit counts as failures, so the report agrees with the exit code. */
  failOn: Severity | 'none';
  /** The checks that ran (SARIF's rules, JUnit's passing testcases); every check, values-file ones too, when not given. */
  checks?: readonly CheckInfo[];
}

export function renderDoctorReport(format: DoctorOutputFormat, report: DoctorReport, options: DoctorOutputOptions): string {
  const checks = options.checks ?? allCheckInfos;
  switch (format) {
    case 'table':
      return renderDoctorTable(report, options.paint, options.width);
    case 'sarif':
      return renderSarif(report, checks);
    case 'junit':
      return renderJunit(report, checks, options.failOn);
    default:
      return renderData(format, doctorReportData(report));
  }
}
