import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { dryRunApply } from '../../../src/kube/dry-run-apply.ts';
import { ok, statusReply, useFakeApiServer } from '../../support/fake-api-server.ts';

const manifest = `---
# Source: app/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: other
`;

describe('server-side dry-run apply of a rendered manifest', () => {
  const fake = useFakeApiServer();
  const discovery = () => {
    fake.server().routes['GET /apis/apps/v1'] = {
      resources: [
        { name: 'deployments', kind: 'Deployment', namespaced: true },
        { name: 'deployments/scale', kind: 'Scale', namespaced: true },
      ],
    };
    fake.server().routes['GET /api/v1'] = { resources: [{ name: 'services', kind: 'Service', namespaced: true }] };
  };

  it('applies each object with dryRun=All to its resource path, in the release namespace unless it names one', async () => {
    discovery();
    fake.server().routes['PATCH /apis/apps/v1/namespaces/shop/deployments/web'] = (request) => ok(request.body);
    fake.server().routes['PATCH /api/v1/namespaces/other/services/web'] = (request) => ok(request.body);
    assert.equal(await dryRunApply(fake.client(), manifest, 'shop'), 2);
    const patches = fake.server().requests.filter((r) => r.method === 'PATCH');
    assert.deepEqual(
      patches.map((r) => [r.path, r.query.get('dryRun'), r.query.get('force'), r.headers['content-type']]),
      [
        ['/apis/apps/v1/namespaces/shop/deployments/web', 'All', 'true', 'application/apply-patch+yaml'],
        ['/api/v1/namespaces/other/services/web', 'All', 'true', 'application/apply-patch+yaml'],
      ],
    );
  });

  it("names every object the server refuses, with the server's message, as one usage error", async () => {
    discovery();
    fake.server().routes['PATCH /apis/apps/v1/namespaces/shop/deployments/web'] = () =>
      statusReply(
        422,
        'Invalid',
        'Deployment.apps "web" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi',
      );
    fake.server().routes['PATCH /api/v1/namespaces/other/services/web'] = (request) => ok(request.body);
    await assert.rejects(
      dryRunApply(fake.client(), manifest, 'shop'),
      (error) =>
        error instanceof UserError &&
        error.exitCode === ExitCode.usage &&
        /Deployment\/web: .*must be less than or equal to memory limit/.test(error.message),
    );
  });
});
