import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { selectLanguage } from '../../../src/i18n/index.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { KubeClient } from '../../../src/kube/client.ts';
import { getObject } from '../../../src/kube/resources.ts';
import { type FakeApiServer, loadedKubeconfigFor, startFakeApiServer } from '../../support/fake-api-server.ts';

const ref = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'shop', name: 'web' };

async function failure(client: KubeClient): Promise<UserError> {
  try {
    await getObject(client, ref);
  } catch (error) {
    assert.ok(error instanceof UserError, String(error));
    return error;
  }
  assert.fail('the request succeeded');
}

describe("the API client's own messages in Japanese", () => {
  let server: FakeApiServer;
  before(async () => {
    server = await startFakeApiServer();
    await selectLanguage('ja');
  });
  after(async () => {
    await selectLanguage('en');
    await server.close();
  });

  it('a redirect names the server, the path and where it leads, untranslated', async () => {
    server.routes['GET /apis/apps/v1/namespaces/shop/deployments/web'] = () => ({ status: 302, text: '' });
    const error = await failure(server.client());
    assert.equal(error.exitCode, ExitCode.kubeconfig);
    assert.match(
      error.message,
      /のサーバーは GET \/apis\/apps\/v1\/namespaces\/shop\/deployments\/web にリダイレクト \(HTTP 302\) で応答しました/,
    );
    assert.match(error.hint ?? '', /ログインプロキシ/);
  });

  it("an exec plugin that fails names the plugin and the context, and the plugin's words stay its own", async () => {
    const loaded = loadedKubeconfigFor(server.url);
    const user = {
      name: 'tester',
      exec: { command: 'sh', args: ['-c', 'echo "please log in" >&2; exit 1'], apiVersion: 'client.authentication.k8s.io/v1' },
    };
    const client = new KubeClient({ ...loaded, users: [user], user } as never, { timeoutMs: 5000 });
    const error = await failure(client);
    assert.equal(error.exitCode, ExitCode.kubeconfig);
    assert.match(error.message, /^コンテキスト "fake" の認証情報プラグイン sh が失敗しました: please log in。$/);
    assert.match(error.hint ?? '', /users\[\]\.exec/);
  });
});
