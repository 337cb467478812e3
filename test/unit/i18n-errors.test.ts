import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { selectLanguage } from '../../src/i18n/index.ts';
import { ExitCode } from '../../src/k8s/errors.ts';
import { parseQuantity } from '../../src/k8s/quantity.ts';
import { KubeApiError, toUserError } from '../../src/kube/errors.ts';
import { cli } from '../support/cli.ts';

// Nothing listens on port 1: every request is refused at once.
const kubeconfig = join(mkdtempSync(join(tmpdir(), 'scale-ha-i18n-errors-')), 'config');
writeFileSync(
  kubeconfig,
  'apiVersion: v1\nkind: Config\ncurrent-context: c\ncontexts: [{name: c, context: {cluster: k, user: u, namespace: shop}}]\nclusters: [{name: k, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {token: t}}]\n',
  { mode: 0o600 },
);
const context = { action: 'patch horizontalpodautoscalers shop/web', server: 'https://10.0.0.1:6443', contextName: 'prod' };

describe('errors from the layers below the faces in Japanese', () => {
  after(() => selectLanguage('en'));

  it('names the server it cannot reach, in Japanese with --lang ja (exit 5) and in English without', async () => {
    const ja = await cli(['--lang', 'ja', '--kubeconfig', kubeconfig, 'list']);
    assert.equal(ja.code, ExitCode.unreachable);
    assert.match(ja.stderr, /エラー: API サーバー https:\/\/127\.0\.0\.1:1 \(コンテキスト "c"\) に接続できません \(ECONNREFUSED、/);
    assert.match(ja.stderr, /ヒント: クラスターは動いていて/);
    const en = await cli(['--lang', 'en', '--kubeconfig', kubeconfig, 'list']);
    assert.equal(en.code, ExitCode.unreachable);
    assert.match(
      en.stderr,
      /error: Cannot reach the API server https:\/\/127\.0\.0\.1:1 \(context "c"\) \(ECONNREFUSED\) while trying to /,
    );
  });

  it('refuses a number above int32 in Japanese (exit 2), the flag and the limit untranslated', async () => {
    const result = await cli(['--lang', 'ja', 'patch', 'hpa', 'x', '--max', '99999999999', '--kubeconfig', kubeconfig]);
    assert.equal(result.code, ExitCode.usage);
    assert.match(result.stderr, /--max: 99999999999 は、ここで API が受け付ける最大値 2,147,483,647 を超えています。/);
    assert.match(result.stderr, /32 ビット整数/);
  });

  it('says a namespace is not DNS-1123 in Japanese (exit 2)', async () => {
    const result = await cli(['--lang', 'ja', 'list', '-n', 'Bad_NS', '--kubeconfig', kubeconfig]);
    assert.equal(result.code, ExitCode.usage);
    assert.match(result.stderr, /-n\/--namespace: "Bad_NS" は有効な namespace 名ではありません。/);
  });

  it('tells kubeconfig faults in Japanese (exit 4), naming the file and the known contexts', async () => {
    const missing = await cli(['--lang', 'ja', '--kubeconfig', '/nonexistent/scale-ha/config', 'list']);
    assert.equal(missing.code, ExitCode.kubeconfig);
    assert.match(missing.stderr, /kubeconfig ファイル \/nonexistent\/scale-ha\/config が存在しません。/);
    const context = await cli(['--lang', 'ja', '--kubeconfig', kubeconfig, '--context', 'nope', 'list']);
    assert.equal(context.code, ExitCode.kubeconfig);
    assert.match(context.stderr, /コンテキスト "nope" は .+ に存在しません。/);
    assert.match(context.stderr, /既知のコンテキスト: c。/);
  });

  it('keeps the facts of a 403 in Japanese: the action, the server message and the policy that refused', async () => {
    await selectLanguage('ja');
    const denied = toUserError(new KubeApiError(403, 'Forbidden', 'user "dev" cannot patch resource', 'PATCH', '/x'), context);
    assert.equal(denied.exitCode, ExitCode.forbidden);
    assert.equal(
      denied.message,
      'アクセスが拒否されました: patch horizontalpodautoscalers shop/web ができません。user "dev" cannot patch resource。',
    );
    assert.match(denied.hint ?? '', /`kubectl auth can-i`/);
    const webhook = toUserError(
      new KubeApiError(403, 'Forbidden', 'admission webhook "limits.example.com" denied the request: too many', 'PATCH', '/x'),
      context,
    );
    assert.match(webhook.message, /^admission webhook "limits\.example\.com" に拒否されました/);
    assert.match(webhook.hint ?? '', /権限の問題ではありません/);
    const conflict = toUserError(new KubeApiError(409, 'Conflict', 'the object has been modified', 'PATCH', '/x'), context);
    assert.equal(conflict.exitCode, ExitCode.conflict);
    assert.match(conflict.message, /^競合: /);
    await selectLanguage('en');
  });

  it('explains a bad quantity in Japanese, the examples and suffixes untranslated', async () => {
    await selectLanguage('ja');
    assert.throws(
      () => parseQuantity('1.5GHz', '--cpu'),
      (error: Error & { hint?: string }) =>
        error.message === '--cpu: "1.5GHz" は Kubernetes の quantity ではありません。' && /512Mi や 1Gi/.test(error.hint ?? ''),
    );
    await selectLanguage('en');
    assert.throws(() => parseQuantity('1.5GHz', '--cpu'), /--cpu: "1\.5GHz" is not a Kubernetes quantity\./);
  });
});
