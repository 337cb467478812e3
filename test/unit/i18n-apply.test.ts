import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { afterWrite } from '../../src/apply/follow.ts';
import { findEntryToUndo, type JournalEntry, entryObject } from '../../src/apply/journal.ts';
import { notJournaled } from '../../src/apply/pipeline.ts';
import { checkWriteAccess } from '../../src/apply/preflight.ts';
import { undoingText } from '../../src/apply/undo.ts';
import { chartEntries } from '../../src/helm/chart.ts';
import { describeOutcome } from '../../src/helm/outcome.ts';
import { decodeRelease, type StoredChart } from '../../src/helm/release.ts';
import { classifyHelmError, helmErrorText, helmFailure } from '../../src/helm/run.ts';
import { findHelm } from '../../src/helm/tool.ts';
import { selectLanguage } from '../../src/i18n/index.ts';
import { ExitCode, UserError } from '../../src/k8s/errors.ts';
import type { HorizontalPodAutoscaler } from '../../src/k8s/types.ts';
import { planHpa } from '../../src/plan/hpa.ts';
import type { PatchChange } from '../../src/plan/types.ts';
import { cli } from '../support/cli.ts';
import { type FakeApiServer, ok, startFakeApiServer } from '../support/fake-api-server.ts';
import { fixture } from './plan/fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'scale-ha-i18n-apply-'));
// Nothing listens on port 1: no test here needs the API server.
const kubeconfig = join(dir, 'config');
writeFileSync(
  kubeconfig,
  'apiVersion: v1\nkind: Config\ncurrent-context: c\ncontexts: [{name: c, context: {cluster: k, user: u, namespace: shop}}]\nclusters: [{name: k, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {token: t}}]\n',
  { mode: 0o600 },
);
const env = { XDG_STATE_HOME: dir };

const tool = { path: '/usr/local/bin/helm', major: 4 as const, version: 'v4.1.4' };
const target = { context: 'prod', namespace: 'shop' };

const helmEntry: JournalEntry = {
  id: '20261125-154512-042-3fa9c1',
  kind: 'helm-upgrade',
  state: 'applied',
  time: '2026-11-25T15:45:12.042Z',
  context: 'prod',
  server: 'https://10.0.0.1:6443',
  user: 'alice',
  command: 'kubectl scale-ha patch hpa web --max 7',
  summary: ['autoscaling.maxReplicas: 4 → 7'],
  release: { name: 'web', namespace: 'shop' },
  revisionBefore: 3,
};

describe('use-case and helm messages in Japanese', () => {
  before(() => selectLanguage('ja'));
  after(() => selectLanguage('en'));

  describe('through the CLI', () => {
    it('says a -f path cannot be read, the flag and the path untranslated (exit 2)', async () => {
      const result = await cli(['--lang', 'ja', 'doctor', '-f', '/nonexistent/scale-ha/web.yaml']);
      assert.equal(result.code, ExitCode.usage);
      assert.match(result.stderr, /エラー: -f: "\/nonexistent\/scale-ha\/web\.yaml" を読めません: ENOENT。/);
      assert.match(result.stderr, /ヒント: パスを確認してください。/);
    });

    it('says a --context pattern matches no context, naming the contexts there are', async () => {
      const result = await cli(['--lang', 'ja', '--kubeconfig', kubeconfig, '--context', 'nowhere-*', 'list'], env);
      assert.equal(result.code, ExitCode.usage);
      assert.match(result.stderr, /--context nowhere-\* は kubeconfig のどのコンテキストにも一致しません。/);
      assert.match(result.stderr, /ヒント: kubeconfig のコンテキスト: c。/);
    });

    it('says there is no such journal entry, the id and the command to list them untranslated (exit 7)', async () => {
      const result = await cli(['--lang', 'ja', '--kubeconfig', kubeconfig, 'undo', 'nope', '--yes'], env);
      assert.equal(result.code, ExitCode.notFound);
      assert.match(result.stderr, /ジャーナルエントリ "nope" はありません。/);
      assert.match(result.stderr, /ヒント: エントリの一覧: kubectl scale-ha history/);
      const none = await cli(['--lang', 'ja', '--kubeconfig', kubeconfig, 'undo', '--yes'], env);
      assert.match(none.stderr, /コンテキスト c で取り消せる変更はありません。/);
    });

    it('refuses a workload that is not deployment/NAME or statefulset/NAME (exit 2)', async () => {
      const result = await cli(['--lang', 'ja', '--kubeconfig', kubeconfig, 'patch', 'workload', 'pod/x', '--replicas', '2'], env);
      assert.equal(result.code, ExitCode.usage);
      assert.match(result.stderr, /"pod\/x" は deployment\/NAME でも statefulset\/NAME でもありません。/);
      assert.match(result.stderr, /例: kubectl scale-ha patch workload deployment\/web --replicas 3/);
    });

    it('says --helm names no executable, the path and the install page untranslated', async () => {
      const result = await cli(['--lang', 'ja', 'doctor', '--chart', dir, '--helm', '/nonexistent/helm']);
      assert.equal(result.code, ExitCode.usage);
      assert.match(result.stderr, /--helm \/nonexistent\/helm: \/nonexistent\/helm に実行可能なファイルがありません。/);
      assert.match(result.stderr, /helm ≥ 3\.14 または helm 4 をインストールして \(https:\/\/helm\.sh\/docs\/intro\/install\/\)/);
    });

    it('keeps the English of the same messages without --lang ja', async () => {
      const result = await cli(['--lang', 'en', 'doctor', '-f', '/nonexistent/scale-ha/web.yaml']);
      assert.match(result.stderr, /error: -f: cannot read "\/nonexistent\/scale-ha\/web\.yaml": ENOENT\./);
      await selectLanguage('ja');
    });
  });

  describe('the write use-cases', () => {
    const servers: FakeApiServer[] = [];
    after(() => Promise.all(servers.map((server) => server.close())));

    it('refuses a write the access review denies, naming the user, verb and resource as the API does', async () => {
      const server = await startFakeApiServer({
        'POST /apis/authentication.k8s.io/v1/selfsubjectreviews': { status: { userInfo: { username: 'dev' } } },
        'POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews': () => ok({ status: { allowed: false } }),
      });
      servers.push(server);
      const ref = { group: 'autoscaling', resource: 'horizontalpodautoscalers', namespace: 'shop', name: 'web' };
      await assert.rejects(checkWriteAccess(server.client(), ref), (error: unknown) => {
        assert.ok(error instanceof UserError);
        assert.equal(
          error.message,
          'ユーザー dev は namespace shop の horizontalpodautoscalers.autoscaling web に対して get または patch ができません (SelfSubjectAccessReview が拒否しました)。何も書き込んでいません。',
        );
        assert.match(error.hint ?? '', /kubectl auth can-i get horizontalpodautoscalers\.autoscaling -n shop$/);
        return true;
      });
    });

    it('prints what a write it could not journal changed, with the kubectl patch to restore it', () => {
      const hpa = fixture<HorizontalPodAutoscaler>('hpa-web.yaml');
      const change = planHpa(hpa, { max: 7 }) as PatchChange;
      const text = notJournaled(change, 'ENOSPC');
      assert.match(text, /^HorizontalPodAutoscaler\/web に適用しましたが、ジャーナルに記録できませんでした \(ENOSPC\)/);
      assert.match(text, /`kubectl scale-ha undo` では元に戻せません。/);
      assert.match(text, /\n {2}spec\.maxReplicas: 8\n/);
      assert.match(
        text,
        /\n手で元に戻すには: kubectl patch horizontalpodautoscalers\.autoscaling web -n shop --type strategic -p '\{"spec":\{"maxReplicas":8\}\}'$/,
      );
    });

    it('tells which journal entries an id matches and how an undo is announced', () => {
      const other = { ...helmEntry, id: '20261125-154512-042-000000' };
      assert.throws(
        () => findEntryToUndo([helmEntry, other], '20261125', 'prod'),
        (error: unknown) =>
          error instanceof UserError &&
          error.message === `ジャーナル ID "20261125" は複数のエントリに一致します (${helmEntry.id}, ${other.id})。`,
      );
      assert.equal(entryObject(helmEntry), 'helm リリース shop/web');
      assert.equal(
        undoingText(helmEntry),
        `${helmEntry.id} (2026-11-25T15:45:12.042Z、alice) を取り消します: autoscaling.maxReplicas: 4 → 7`,
      );
    });

    it('warns that only a follow-up failed, the change being applied', async () => {
      const warnings: string[] = [];
      const report = { diff: () => {}, info: () => {}, warn: (text: string) => warnings.push(text) };
      await afterWrite(report, 'deployment/web のロールアウトの追跡', async () => {
        throw new Error('connection reset');
      });
      assert.deepEqual(warnings, ['変更は適用済みです。失敗したのは deployment/web のロールアウトの追跡 だけです: connection reset']);
    });
  });

  describe('helm', () => {
    it('tells what a failed upgrade left, quoting helm as it wrote and the command lines untranslated', () => {
      const { message, hint } = describeOutcome(
        { kind: 'failed', revision: 5, status: 'pending-upgrade', recoverTo: 4 },
        { tool, target, release: 'web', helmSaid: 'UPGRADE FAILED: context deadline exceeded.' },
      );
      assert.equal(
        message,
        'リリース shop/web の helm upgrade は失敗し、ロールバックされていません: リリースはリビジョン 5、ステータス pending-upgrade のままです。helm の出力: UPGRADE FAILED: context deadline exceeded。',
      );
      assert.equal(
        hint,
        '次のコマンドで復旧してください: helm rollback web 4 -n shop --kube-context prod (リビジョン 4 はアップグレード前に最後にデプロイされたものです)。その後 helm history web -n shop --kube-context prod で確認してください。',
      );
    });

    it('wraps a failed helm read in Japanese, with a hint for its kind of failure', () => {
      const error = helmFailure('リリース shop/web の helm get values', {
        exitCode: 1,
        stdout: '',
        stderr: 'Error: release: not found\n',
        timedOut: false,
      });
      assert.equal(error.message, 'リリース shop/web の helm get values に失敗しました: release: not found。');
      assert.equal(error.exitCode, ExitCode.notFound);
      assert.match(error.hint ?? '', /`helm list -n NAMESPACE` でその namespace のリリースを一覧できます。/);
      assert.match(classifyHelmError('secrets is forbidden').hint, /sh\.helm\.release\.v1\.\*/);
      assert.equal(helmErrorText({ stderr: '', exitCode: 2, timedOut: false }), 'helm が終了コード 2 で終了しました');
    });

    it('refuses a release record that is not helm’s, and a stored chart with subcharts', () => {
      assert.throws(
        () => decodeRelease(Buffer.from('not a release').toString('base64')),
        (error: unknown) =>
          error instanceof UserError && error.message === 'helm リリースの記録を読めません: gzip された JSON の base64 ではありません。',
      );
      const chart: StoredChart = {
        metadata: { apiVersion: 'v2', name: 'parent', version: '1.2.3' },
        templates: [],
        files: [],
        values: {},
        subcharts: ['child'],
      };
      assert.throws(
        () => chartEntries(chart),
        (error: unknown) =>
          error instanceof UserError &&
          error.message.startsWith('このリリースのチャート parent-1.2.3 にはサブチャート (child) があり') &&
          error.hint === 'アップグレードに使うチャートを、デプロイ済みのバージョン 1.2.3 で指定してください (--chart PATH|REF)。',
      );
    });

    it('says an executable is not helm, quoting what it printed', async () => {
      const bin = join(dir, 'bin');
      mkdirSync(bin, { recursive: true });
      const fake = join(bin, 'helm');
      writeFileSync(fake, '#!/bin/sh\necho nonsense\n', { mode: 0o755 });
      await assert.rejects(findHelm({ helmPath: fake, env: { PATH: bin } }), (error: unknown) => {
        assert.ok(error instanceof UserError);
        assert.equal(error.message, `${fake} は helm ではないようです: \`${fake} version\` の出力: nonsense`);
        return true;
      });
    });
  });
});
