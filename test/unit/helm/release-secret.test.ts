import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { decodeRelease } from '../../../src/helm/release.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { getHelmReleaseSecret } from '../../../src/kube/resources.ts';
import { statusReply, useFakeApiServer } from '../../support/fake-api-server.ts';

const secret = parse(readFileSync(join(import.meta.dirname, '../../fixtures/helm/release-tiny-helm4.yaml'), 'utf8'));

describe('reading the Secret a helm release revision is stored in', () => {
  const fake = useFakeApiServer();

  it('GETs sh.helm.release.v1.<release>.v<revision> in the release namespace, ready for decodeRelease', async () => {
    fake.server().routes['GET /api/v1/namespaces/fx4/secrets/sh.helm.release.v1.tiny.v1'] = secret;
    const read = await getHelmReleaseSecret(fake.client(), 'fx4', 'tiny', 1);
    assert.equal(read.type, 'helm.sh/release.v1');
    assert.equal(decodeRelease(read.data!.release!).revision, 1);
    assert.deepEqual(
      fake.server().requests.map((request) => `${request.method} ${request.path}`),
      ['GET /api/v1/namespaces/fx4/secrets/sh.helm.release.v1.tiny.v1'],
    );
  });

  it('names the release and revision when the Secret is missing or may not be read', async () => {
    const path = 'GET /api/v1/namespaces/shop/secrets/sh.helm.release.v1.web.v3';
    fake.server().routes[path] = () => statusReply(404, 'NotFound', 'secrets "sh.helm.release.v1.web.v3" not found');
    await assert.rejects(getHelmReleaseSecret(fake.client(), 'shop', 'web', 3), (error) => {
      assert.ok(error instanceof UserError);
      assert.equal(error.exitCode, ExitCode.notFound);
      assert.match(
        error.message,
        /could not get the record of helm release web revision 3 \(secret sh\.helm\.release\.v1\.web\.v3 in namespace shop\)/,
      );
      return true;
    });
    fake.server().routes[path] = () => statusReply(403, 'Forbidden', 'secrets is forbidden');
    await assert.rejects(
      getHelmReleaseSecret(fake.client(), 'shop', 'web', 3),
      /Access denied: cannot get the record of helm release web revision 3/,
    );
  });
});
