// A field error as the API server reports it (k8s.io/apimachinery field.Error), and kubectl's way of printing it.
import { t } from '../i18n/index.ts';

export type FieldErrorType = 'Invalid' | 'Required' | 'NotSupported' | 'Forbidden';

/** One field error, as the API server reports it (k8s.io/apimachinery field.Error). */
export interface FieldError {
  path: string;
  type: FieldErrorType;
  message: string;
  value?: unknown;
  supported?: readonly string[];
}

function show(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** `<path>: Invalid value: <v>: <msg>`, the way kubectl prints a 422. */
export function formatFieldError(error: FieldError): string {
  const { path, message } = error;
  switch (error.type) {
    case 'Invalid':
      return t('k8s.fieldError.invalid', { path, value: show(error.value), message });
    case 'Required':
      return message ? t('k8s.fieldError.requiredBecause', { path, message }) : t('k8s.fieldError.required', { path });
    case 'Forbidden':
      return t('k8s.fieldError.forbidden', { path, message });
    case 'NotSupported':
      return t('k8s.fieldError.notSupported', {
        path,
        value: show(error.value),
        supported: (error.supported ?? []).map((s) => JSON.stringify(s)).join(', '),
      });
  }
}
