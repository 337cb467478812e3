// A field error as the API server reports it (k8s.io/apimachinery field.Error), and kubectl's way of printing it.

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
  switch (error.type) {
    case 'Invalid':
      return `${error.path}: Invalid value: ${show(error.value)}: ${error.message}`;
    case 'Required':
      return `${error.path}: Required value${error.message ? `: ${error.message}` : ''}`;
    case 'Forbidden':
      return `${error.path}: Forbidden: ${error.message}`;
    case 'NotSupported':
      return `${error.path}: Unsupported value: ${show(error.value)}: supported values: ${(error.supported ?? []).map((s) => JSON.stringify(s)).join(', ')}`;
  }
}
