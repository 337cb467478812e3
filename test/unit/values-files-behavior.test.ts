// --behavior FILE where the target is Apigee hybrid's runtime HPA: the file must fit runtime.hpaBehavior's ranges.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { checkRefusedApigeeBehavior } from '../../src/cli/commands/patch.ts';
import { resolveBehaviorSource, type ReadFile } from '../../src/hpa/source.ts';
import { UserError } from '../../src/k8s/errors.ts';
import type { HorizontalPodAutoscaler } from '../../src/k8s/types.ts';
import { hpaOwnerRefusal } from '../../src/plan/owner.ts';
import { isApigeeRuntimeHpa } from '../../src/profiles/apigee.ts';
import { cli } from '../support/cli.ts';

const dir = 'test/fixtures/values-files/behavior';
const readFile: ReadFile = (path) => readFileSync(path, 'utf8');
const apigeeHpa = parse(readFileSync(join(dir, 'apigee-runtime-hpa.yaml'), 'utf8')) as HorizontalPodAutoscaler;
const usage = (pattern: RegExp) => (error: unknown) => error instanceof UserError && error.exitCode === 2 && pattern.test(error.message);
const load = (file: string, apigeeRuntime: boolean) =>
  resolveBehaviorSource(join(dir, file), { flag: '--behavior', readFile, apigeeRuntime });

describe("--behavior on Apigee hybrid's runtime HPA", () => {
  it('refuses a file outside the ranges, at file:line:column with the key and the allowed range', () => {
    assert.throws(
      () => load('too-fast-hpa.yaml', true),
      usage(
        /too-fast-hpa\.yaml:11:7: spec\.behavior\.scaleUp\.stabilizationWindowSeconds is 0: must be between 30 and 120 .*\(runtime\.hpaBehavior\.scaleUp\.stabilizationWindowSeconds\)/,
      ),
    );
    assert.throws(
      () => load('too-fast-hpa.yaml', true),
      usage(/too-fast-hpa\.yaml:14:11: spec\.behavior\.scaleUp\.policies\[0\].value is 200/),
    );
  });

  it('takes the same file for any other HPA, and an in-range file or a preset for the runtime', () => {
    assert.ok(load('too-fast-hpa.yaml', false).behavior?.scaleUp);
    assert.ok(load('in-range.yaml', true).behavior?.scaleDown);
    const preset = resolveBehaviorSource('apigee-more-aggressive', { flag: '--behavior', readFile, apigeeRuntime: true });
    assert.equal(preset.name, 'apigee-more-aggressive');
  });

  it('tells the runtime HPA by its ApigeeEnvironment owner, or by its name in a file', () => {
    assert.equal(isApigeeRuntimeHpa(apigeeHpa), true);
    const orgOwned = {
      metadata: { name: 'apigee-watcher-x', ownerReferences: [{ ...apigeeHpa.metadata.ownerReferences![0]!, kind: 'ApigeeOrganization' }] },
    };
    assert.equal(isApigeeRuntimeHpa(orgOwned as HorizontalPodAutoscaler), false);
    assert.equal(isApigeeRuntimeHpa({ metadata: { name: 'apigee-runtime-org-env-1234567-r1-x' } } as HorizontalPodAutoscaler), true);
    assert.equal(isApigeeRuntimeHpa({ metadata: { name: 'web' } } as HorizontalPodAutoscaler), false);
  });

  it('simulate refuses it against the runtime HPA and runs it against any other', async () => {
    const refused = await cli([
      'simulate',
      '--spec',
      join(dir, 'apigee-runtime-hpa.yaml'),
      '--pattern',
      'spike',
      '--behavior',
      join(dir, 'too-fast-hpa.yaml'),
    ]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--behavior: the target is Apigee hybrid's runtime HPA.*too-fast-hpa\.yaml:11:7/);
    const compared = await cli([
      'simulate',
      '--spec',
      join(dir, 'apigee-runtime-hpa.yaml'),
      '--pattern',
      'spike',
      '--compare',
      join(dir, 'too-fast-hpa.yaml'),
    ]);
    assert.equal(compared.code, 2);
    assert.match(compared.stderr, /^error: --compare:/);
    const other = await cli([
      'simulate',
      '--spec',
      'test/fixtures/hpa/web-hpa.yaml',
      '--pattern',
      'spike',
      '--behavior',
      join(dir, 'too-fast-hpa.yaml'),
      '-o',
      'json',
    ]);
    assert.equal(other.code, 0, other.stderr);
  });

  it("patch hpa names the file's range error before the refusal's environment command", () => {
    const refusal = hpaOwnerRefusal(apigeeHpa, { max: 6 }, 'test');
    assert.throws(() => checkRefusedApigeeBehavior(refusal, join(dir, 'too-fast-hpa.yaml')), usage(/too-fast-hpa\.yaml:11:7/));
    assert.doesNotThrow(() => checkRefusedApigeeBehavior(refusal, join(dir, 'in-range.yaml')));
    assert.doesNotThrow(() => checkRefusedApigeeBehavior(refusal, undefined));
    assert.doesNotThrow(() => checkRefusedApigeeBehavior(new Error('network'), join(dir, 'too-fast-hpa.yaml')));
  });
});
