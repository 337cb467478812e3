// Values can hold secrets: the values of secret-looking keys are cut out of every line of helm output we hand on.
import { redactSecretValues } from '../k8s/redact.ts';

/** Strings shorter than this are too likely to occur by chance ("no", "1") to be cut out. */
const minimumSecretLength = 4;

/** The leaf values of secret-looking keys (password, token, …) in helm values, longest first. */
export function secretStrings(values: unknown): string[] {
  const found = new Set<string>();
  const walk = (original: unknown, redacted: unknown) => {
    if (redacted === '<redacted>' && original !== '<redacted>' && original !== null && typeof original !== 'object') {
      const text = String(original);
      if (text.length >= minimumSecretLength) found.add(text);
      return;
    }
    if (original === null || typeof original !== 'object' || redacted === null || typeof redacted !== 'object') return;
    for (const [key, value] of Object.entries(original)) walk(value, (redacted as Record<string, unknown>)[key]);
  };
  walk(values, redactSecretValues(values));
  return [...found].sort((a, b) => b.length - a.length);
}

/** A function replacing each of `secrets` (and its base64 form, as a rendered Secret holds it) with <redacted>. */
export function scrubber(secrets: string[]): (text: string) => string {
  const forms = secrets.flatMap((secret) => [secret, Buffer.from(secret).toString('base64')]);
  return (text) => forms.reduce((result, form) => result.replaceAll(form, '<redacted>'), text);
}
