// doctor and list as kubectl-style Options: every usage error found from the flags alone, before any request.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completeDoctor, validateDoctor } from '../../../src/cli/commands/doctor.ts';
import { completeList, validateList } from '../../../src/cli/commands/list.ts';
import { UserError } from '../../../src/k8s/errors.ts';

const usage = (pattern: RegExp) => (error: unknown) => error instanceof UserError && error.exitCode === 2 && pattern.test(error.message);

describe('doctor options', () => {
  const validate = (flags: object, globals: object = {}, name?: string) =>
    validateDoctor(completeDoctor(undefined, name, { failOn: 'error', ...flags }, globals));

  it('refuses a bad --fail-on, output format, check id or selector', () => {
    assert.throws(() => validate({ failOn: 'fatal' }), usage(/--fail-on: "fatal" is not one of error, warning, info, none/));
    assert.throws(() => validate({}, { output: 'xml' }), usage(/Unknown output format "xml"/));
    assert.throws(() => validate({ explain: 'HPA999' }), usage(/No check has the id "HPA999"/));
    assert.throws(
      () => validate({ selector: 'a b' }),
      (error) => error instanceof UserError && /Invalid label selector/.test(error.message),
    );
  });

  it('explains or lists checks without a cluster, and diagnoses with the parsed flags', () => {
    const explain = validate({ explain: 'hpa003' }, { output: 'json' });
    assert.equal(explain.action === 'explain' && explain.check.id, 'HPA003');
    assert.deepEqual(validate({ listChecks: true }), { action: 'list-checks', output: 'table' });
    assert.deepEqual(validate({ failOn: 'warning', selector: 'app=web' }, {}, 'web'), {
      action: 'diagnose',
      category: undefined,
      name: 'web',
      selector: 'app=web',
      failOn: 'warning',
      output: 'table',
      watch: false,
    });
  });
});

describe('list options', () => {
  it('refuses a bad selector before the output format, as before', () => {
    assert.throws(
      () => validateList(completeList({ selector: 'a b' }, { output: 'xml' })),
      (error) => error instanceof UserError && /Invalid label selector/.test(error.message),
    );
    assert.deepEqual(validateList(completeList({}, { output: 'yaml' })), { selector: undefined, output: 'yaml', watch: false });
  });
});
