// Loads the YAML fixtures under test/fixtures/plan.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export function fixture<T>(name: string): T {
  return parse(readFileSync(new URL(`../../fixtures/plan/${name}`, import.meta.url), 'utf8')) as T;
}
