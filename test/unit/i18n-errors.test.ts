import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { renderTable } from '../../src/cli/output.ts';
import { coverageNotes, timelineHeaders } from '../../src/cli/render/timeline.ts';
import type { TimelineView } from '../../src/apply/timeline.ts';
import { type ExecuteOptions, executeChange } from '../../src/apply/pipeline.ts';
import { selectLanguage, t } from '../../src/i18n/index.ts';
import { ExitCode } from '../../src/k8s/errors.ts';
import { parseQuantity } from '../../src/k8s/quantity.ts';
import { KubeApiError, toUserError } from '../../src/kube/errors.ts';
import type { Change } from '../../src/plan/types.ts';
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

describe("the commands' own messages in Japanese", () => {
  it('refuses an unknown check id in Japanese (exit 2), the id and the command untranslated', async () => {
    const result = await cli(['--lang', 'ja', 'doctor', '--explain', 'NOPE', '--kubeconfig', kubeconfig]);
    assert.equal(result.code, ExitCode.usage);
    assert.match(result.stderr, /エラー: ID が "NOPE" のチェックはありません。/);
    assert.match(result.stderr, /ヒント: kubectl scale-ha doctor --list-checks でチェックを一覧表示します。/);
    const en = await cli(['doctor', '--explain', 'NOPE', '--kubeconfig', kubeconfig]);
    assert.match(en.stderr, /error: No check has the id "NOPE"\./);
  });

  it('refuses to write without a terminal in Japanese, naming --yes and --dry-run=server', async () => {
    const result = await cli(['--lang', 'ja', 'patch', 'hpa', 'x', '--max', '5', '--kubeconfig', kubeconfig]);
    assert.equal(result.code, ExitCode.usage);
    assert.match(result.stderr, /確認なしでは書き込みません: 標準入力が端末ではありません。/);
    assert.match(result.stderr, /--yes .*--dry-run=server/);
  });

  it('tells flag errors in Japanese: an unknown resource, chart-only flags (one or several), -A on a one-HPA command', async () => {
    const resource = await cli(['--lang', 'ja', 'patch', 'workload', 'deploy/x', '--requests', 'gpu=1', '--kubeconfig', kubeconfig]);
    assert.equal(resource.code, ExitCode.usage);
    assert.match(resource.stderr, /--requests: 不明なリソース "gpu" です。/);
    const chartOnly = await cli(['--lang', 'ja', 'doctor', '--set', 'a=b', '--release', 'r', '--kubeconfig', kubeconfig]);
    assert.match(chartOnly.stderr, /--set, --release は --chart と一緒に使います。/);
    const english = await cli(['doctor', '--set', 'a=b', '--kubeconfig', kubeconfig]);
    assert.match(english.stderr, /error: --set goes with --chart\./);
    const timeline = await cli(['--lang', 'ja', 'timeline', 'x', '-A', '--kubeconfig', kubeconfig]);
    assert.equal(timeline.code, ExitCode.usage);
    assert.match(timeline.stderr, /timeline は 1 つの HPA を読み取ります: -A の代わりに -n NAMESPACE を使用してください。/);
  });
});

describe("the commands' notes and warnings in Japanese", () => {
  const manifests = join(import.meta.dirname, '../fixtures/offline/manifests');

  it('notes the checks doctor -f skipped in Japanese, the check ids and --nodes untranslated', async () => {
    const result = await cli(['--lang', 'ja', 'doctor', '-f', manifests, '-o', 'json'], { KUBECONFIG: '/nonexistent/kubeconfig' });
    assert.match(
      result.stderr,
      /^注: クラスターではなくファイルを検査しました: 稼働中のデータを必要とするチェック \d+ 件をスキップしました: .*HPA001 \(apiservices\).*--nodes FILE でノードを渡せます。$/m,
    );
  });

  it('tells a duration and a one-context command in Japanese (exit 2)', async () => {
    const duration = await cli(['--lang', 'ja', 'timeline', 'x', '--since', 'soon', '--kubeconfig', kubeconfig]);
    assert.equal(duration.code, ExitCode.usage);
    assert.match(duration.stderr, /--since: "soon" は期間ではありません。/);
    const fleet = await cli(['--lang', 'ja', 'timeline', 'x', '--all-contexts', '--kubeconfig', kubeconfig]);
    assert.equal(fleet.code, ExitCode.usage);
    assert.match(fleet.stderr, /--all-contexts: このコマンドは 1 つのコンテキストに対して動作します。/);
  });
});

describe('table headers in Japanese', () => {
  after(() => selectLanguage('en'));

  it('names the timeline columns from the catalogs, and English stays the default', async () => {
    await selectLanguage('en');
    assert.deepEqual(timelineHeaders(), ['time', 'what', 'replicas', 'metric', 'limit', 'detail']);
    await selectLanguage('ja');
    assert.deepEqual(timelineHeaders(), ['時刻', '内容', 'レプリカ', 'メトリクス', '上限', '詳細']);
    await selectLanguage('en');
  });

  it('lines up columns under Japanese headers: a wide character takes two terminal columns', () => {
    const table = renderTable(['時刻', 'id'], [['12:00', 'a']]).split('\n');
    assert.equal(table[0], '時刻    ID');
    assert.equal(table[1], '12:00   a');
  });
});

describe('output format errors in Japanese', () => {
  it('refuses an unknown -o in Japanese (exit 2), listing the formats untranslated', async () => {
    const result = await cli(['--lang', 'ja', 'history', '-o', 'xml']);
    assert.equal(result.code, ExitCode.usage);
    assert.match(result.stderr, /不明な出力形式 "xml" です。/);
    assert.match(result.stderr, /-o table, json, yaml, .* または jsonpath-file=FILE を使用してください。/);
  });

  it('points at the character a JSONPath template fails at, in Japanese', async () => {
    const result = await cli(['--lang', 'ja', 'history', '-o', 'jsonpath={.items[']);
    assert.equal(result.code, ExitCode.usage);
    assert.match(result.stderr, /-o jsonpath: テンプレートの \d+ 文字目を解析できません: /);
    assert.match(result.stderr, /\n {2}\{\.items\[\n {2} *\^/);
  });
});

describe('the write pipeline in Japanese', () => {
  after(() => selectLanguage('en'));

  it('says a change has nothing to do, and asks to apply, in Japanese', async () => {
    await selectLanguage('ja');
    const infos: string[] = [];
    const report = { diff: () => {}, info: (text: string) => void infos.push(text), warn: () => {} };
    const change = {
      kind: 'patch',
      ref: { kind: 'HorizontalPodAutoscaler', name: 'web', namespace: 'shop' },
      patch: {},
    } as unknown as Change;
    const result = await executeChange(async () => change, {
      executors: {},
      dryRun: 'client',
      yes: false,
      report,
      journal: { dir: '/nonexistent/journal' } as ExecuteOptions['journal'],
    });
    assert.equal(result.status, 'unchanged');
    assert.deepEqual(infos, ['HorizontalPodAutoscaler/web はすでにこの設定です: 変更はありません。']);
    assert.equal(
      t('apply.write.confirm', { name: 'HorizontalPodAutoscaler/web' }),
      'HorizontalPodAutoscaler/web にこの変更を適用しますか?',
    );
    await selectLanguage('en');
    assert.equal(t('apply.write.confirm', { name: 'HorizontalPodAutoscaler/web' }), 'Apply this change to HorizontalPodAutoscaler/web?');
  });
});

describe('the timeline notes in Japanese', () => {
  after(() => selectLanguage('en'));

  it('says which events expired and that no decision was recorded, kube-apiserver --event-ttl untranslated', async () => {
    const view = {
      coverage: { expiredBefore: '2026-12-05T10:00:00Z', lastRescaleEventExpired: false, oldestEvent: undefined },
      rows: [],
      lastScaleTime: null,
    } as unknown as TimelineView;
    const now = new Date('2026-12-05T11:00:00Z');
    await selectLanguage('ja');
    const ja = coverageNotes(view, now);
    assert.equal(ja.length, 2);
    assert.match(
      ja[0] ?? '',
      /より前のイベントは期限切れです: API サーバーはイベントを約 1 時間保持します \(kube-apiserver --event-ttl\)。この HPA のイベントは残っていません。$/,
    );
    assert.equal(ja[1], 'この期間に記録されたスケーリングの判断はありません。');
    await selectLanguage('en');
    const en = coverageNotes(view, now);
    assert.match(
      en[0] ?? '',
      /have expired: the API server keeps events about 1 h \(kube-apiserver --event-ttl\) and none is left for this HPA\.$/,
    );
    assert.equal(en[1], 'No scaling decision recorded in this window.');
  });
});
