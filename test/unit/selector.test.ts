import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserError } from '../../src/k8s/errors.ts';
import { matchesSelector, parseLabelSelector, selectorToString } from '../../src/k8s/selector.ts';

describe('label selectors', () => {
  it('parses equality, inequality, set and existence terms', () => {
    const selector = parseLabelSelector('app=web,tier!=cache,env in (prod, stage),release,!canary');
    assert.deepEqual(selector.matchLabels, { app: 'web' });
    assert.deepEqual(selector.matchExpressions, [
      { key: 'tier', operator: 'NotIn', values: ['cache'] },
      { key: 'env', operator: 'In', values: ['prod', 'stage'] },
      { key: 'release', operator: 'Exists' },
      { key: 'canary', operator: 'DoesNotExist' },
    ]);
  });

  it('matches labels against every term', () => {
    const selector = parseLabelSelector('app=web,env in (prod),!canary');
    assert.equal(matchesSelector(selector, { app: 'web', env: 'prod' }), true);
    assert.equal(matchesSelector(selector, { app: 'web', env: 'dev' }), false);
    assert.equal(matchesSelector(selector, { app: 'web', env: 'prod', canary: 'yes' }), false);
  });

  it('never matches with no selector at all', () => {
    assert.equal(matchesSelector(undefined, { app: 'web' }), false);
  });

  it('rejects malformed selectors as usage errors', () => {
    for (const bad of ['app=a=b', '=web', 'a b c', 'app in prod', 'env in (a b)']) {
      assert.throws(
        () => parseLabelSelector(bad),
        (error: UserError) => error.exitCode === 2 && /Invalid label selector/.test(error.message),
        bad,
      );
    }
  });

  it('round-trips to the string form', () => {
    const text = 'app=web,tier notin (cache),release';
    assert.equal(selectorToString(parseLabelSelector(text)), text);
  });
});
