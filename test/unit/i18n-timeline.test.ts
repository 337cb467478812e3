import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Session } from '../../src/apply/session.ts';
import { readTimeline, type TimelineView } from '../../src/apply/timeline.ts';
import { renderTable } from '../../src/cli/output.ts';
import { plainPaint } from '../../src/cli/render/paint.ts';
import { limitText, renderTimeline, timelineCells, timelineHeaders } from '../../src/cli/render/timeline.ts';
import { buildTimeline } from '../../src/hpa/timeline.ts';
import { selectLanguage } from '../../src/i18n/index.ts';
import { ExitCode, UserError } from '../../src/k8s/errors.ts';
import { KubeApiError, toUserError } from '../../src/kube/errors.ts';
import { runExecPlugin } from '../../src/kube/exec-credential.ts';
import { listObjectEvents } from '../../src/kube/events.ts';
import { getHpa, listHpas, listPods } from '../../src/kube/resources.ts';
import { patchObject } from '../../src/kube/write.ts';
import { ok, statusReply, useFakeApiServer } from '../support/fake-api-server.ts';
import { capturedEvents, capturedHpa, lastCapturedEvent } from '../support/timeline-capture.ts';

const hpa = capturedHpa;
const events = capturedEvents;
const last = lastCapturedEvent;
const now = new Date(last.getTime() + 60_000);

function view(at = now, withEvents = true): TimelineView {
  return {
    ...buildTimeline({
      hpa,
      events: withEvents ? events.filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler') : [],
      targetEvents: withEvents ? events.filter((e) => e.involvedObject.kind === 'Deployment') : [],
      now: at,
    }),
    targets: 'cpu: 10%/60%',
  };
}

// Terminal columns, as renderTable counts them: an East Asian wide character takes two.
const wide = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/g;
const columns = (text: string) => text.length + (text.match(wide)?.length ?? 0);

/** The terminal column each cell of each line starts at. */
function cellColumns(lines: string[], cells: string[][]): number[][] {
  return lines.map((line, i) => {
    let from = 0;
    return (cells[i] ?? []).map((cell) => {
      const at = line.indexOf(cell, from);
      assert.ok(at >= 0, `${JSON.stringify(cell)} in ${JSON.stringify(line)}`);
      from = at + cell.length;
      return columns(line.slice(0, at));
    });
  });
}

describe('the timeline in Japanese', () => {
  before(() => selectLanguage('ja'));
  after(() => selectLanguage('en'));

  it('says what each rescale did, its metric and the bound it met, numbers and field names untranslated', () => {
    const text = renderTimeline(view(), now, plainPaint, 200);
    assert.match(text, /スケールアップ +1 → 4 +cpu が 60% を超過 \(> 180%\)/);
    assert.match(text, /スケールダウン +6 → 1 +すべてのメトリクスが目標値未満 +minReplicas 1 に到達/);
    assert.match(text, /maxReplicas 3 \(レプリカ数がそれを上回っていました\)/);
    assert.match(text, /maxReplicas 6 に到達/);
    // The controller's reason and the replica set's name are data: as the API spells them.
    assert.match(text, /FailedGetResourceMetric ×7 .*最終 \d\d:\d\d:\d\d: unable to get metrics for resource cpu/);
    assert.match(text, /ReplicaSet のスケール +0 → 1 .*Deployment が ReplicaSet web-\w+ をスケールしました/);
    assert.doesNotMatch(text, /scale up|above|reached|replica set scaled/);
  });

  it('heads the timeline with the HPA, its target and its bounds, and titles the chart in Japanese', () => {
    const text = renderTimeline(view(), now, plainPaint, 200);
    assert.match(text.split('\n')[0]!, /^HPA capture\/web → Deployment\/web {3}最小 1 {2}最大 6 {3}レプリカ 1 {3}cpu: 10%\/60%$/);
    assert.match(text, /^ {5}\d\d:\d\d:\d\d からのレプリカ数$/m);
    assert.match(text, /^ {5}█ レプリカ数 \(記録されたスケール変更から。最初にわかったサイズより前は空白\)$/m);
  });

  it('spells every kind of limit, policies and windows as the spec writes them', () => {
    const policies = [
      { type: 'Pods' as const, value: 4, periodSeconds: 60 },
      { type: 'Percent' as const, value: 100, periodSeconds: 15 },
    ];
    assert.equal(
      limitText({ type: 'policy', direction: 'scaleUp', selectPolicy: 'Max', policies }),
      'scaleUp ポリシー (Pods 4/60s, Percent 100/15s の最大)',
    );
    assert.equal(
      limitText({ type: 'after-stabilization', direction: 'scaleDown', seconds: 300 }),
      '300s のスケールダウン安定化ウィンドウの後',
    );
    assert.equal(limitText({ type: 'scale-up-limit' }), 'スケールアップの上限: 1 回の同期で最大 max(2 × 現在の数, 4)');
    assert.equal(limitText({ type: 'condition', reason: 'SomethingNew' }), 'SomethingNew');
    assert.equal(limitText(null), '-');
  });

  it('keeps -o json language-neutral: the limit is data, not words', () => {
    const rescales = view().rows.filter((row) => row.kind === 'rescale');
    assert.deepEqual(
      rescales.map((row) => row.limit),
      [null, { type: 'above-max', replicas: 3 }, { type: 'reached-max', replicas: 6 }, { type: 'reached-min', replicas: 1 }],
    );
  });

  it('lines up the columns under Japanese headers and cells: a wide character takes two terminal columns', () => {
    const rows = view().rows;
    const cells = [timelineHeaders().map((h) => h.toUpperCase()), ...rows.map((row) => timelineCells(row, now, plainPaint))];
    const lines = renderTable(timelineHeaders(), cells.slice(1)).trimEnd().split('\n');
    assert.equal(lines.length, rows.length + 1);
    assert.ok(
      lines.some((line) => columns(line) > line.length),
      'some cells are Japanese',
    );
    const starts = cellColumns(lines, cells);
    for (const line of starts) assert.deepEqual(line, starts[0], 'every cell starts where its header does');
  });

  it('draws the chart with its axis straight under a Japanese title', () => {
    const chart = renderTimeline(view(), now, plainPaint, 100)
      .split('\n')
      .filter((line) => line.includes('│'));
    assert.ok(chart.length >= 8);
    for (const line of chart) assert.equal(line.indexOf('│'), 5);
  });

  it('says in Japanese what a row from the status means when its event has expired', () => {
    const later = new Date(last.getTime() + 2 * 3600_000);
    const text = renderTimeline(view(later, false), later, plainPaint, 200);
    assert.match(text, /最後のスケール変更 \(status\) +→ 1 .*イベントは期限切れです。サイズは現在のものです/);
  });
});

describe('the no-such-HPA refusal in Japanese', () => {
  const fake = useFakeApiServer();
  before(() => selectLanguage('ja'));
  after(() => selectLanguage('en'));
  const hpas = '/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers';

  it("names the namespace's HPAs (exit 7), names and namespace untranslated", async () => {
    fake.server().routes[`GET ${hpas}/webb`] = () => statusReply(404, 'NotFound', 'horizontalpodautoscalers.autoscaling "webb" not found');
    fake.server().routes[`GET ${hpas}`] = () =>
      ok({ metadata: { resourceVersion: '1' }, items: [{ metadata: { name: 'web' } }, { metadata: { name: 'api' } }] });
    const session = { client: fake.client() } as unknown as Session;
    await assert.rejects(readTimeline(session, { namespace: 'shop', name: 'webb', sinceSeconds: undefined }), (error) => {
      assert.ok(error instanceof UserError);
      assert.equal(error.exitCode, ExitCode.notFound);
      assert.equal(error.message, 'namespace shop に "webb" という名前の HPA はありません。');
      assert.equal(error.hint, 'namespace shop の HPA: web, api。');
      return true;
    });
  });
});

describe("the API layer's words in Japanese", () => {
  const fake = useFakeApiServer();
  before(() => selectLanguage('ja'));
  after(() => selectLanguage('en'));
  const forbidden = () => statusReply(403, 'Forbidden', 'User "dev" cannot do that');

  it('names what a denied request did in Japanese, the resource, namespace and name untranslated', async () => {
    fake.server().routes['GET /apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers'] = forbidden;
    await assert.rejects(
      listHpas(fake.client(), { namespace: 'shop' }),
      /^UserError: アクセスが拒否されました: namespace shop の horizontalpodautoscalers の一覧取得 ができません。/,
    );
    fake.server().routes['GET /apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers/web'] = forbidden;
    await assert.rejects(getHpa(fake.client(), 'shop', 'web'), /namespace shop の horizontalpodautoscaler web の取得 ができません/);
    fake.server().routes['GET /api/v1/namespaces/shop/events'] = forbidden;
    await assert.rejects(
      listObjectEvents(fake.client(), 'shop', { kind: 'HorizontalPodAutoscaler', name: 'web' }),
      /namespace shop の horizontalpodautoscaler web のイベントの一覧取得 ができません/,
    );
    fake.server().routes['PATCH /apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers/web'] = forbidden;
    const ref = { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', namespace: 'shop', name: 'web' };
    await assert.rejects(
      patchObject(fake.client(), ref, 'merge', {}, { dryRun: true }),
      /horizontalpodautoscalers\.autoscaling shop\/web へのパッチ適用 \(dry-run\) ができません/,
    );
  });

  it('builds the words only when an error is shown', async () => {
    let built = 0;
    const action = () => {
      built++;
      return 'x';
    };
    fake.server().routes['GET /api/v1/namespaces/shop/pods'] = () => ok({ metadata: { resourceVersion: '1' }, items: [] });
    await listPods(fake.client(), { namespace: 'shop', action });
    assert.equal(built, 0, 'a request that succeeds never builds its words');
    const error = toUserError(new KubeApiError(404, 'NotFound', 'gone', 'GET', '/x'), {
      action,
      server: 'https://10.0.0.1:6443',
      contextName: 'prod',
    });
    assert.equal(built, 1);
    assert.match(error.message, /^見つかりません: x ができませんでした。gone。$/);
  });

  it("says why an exec credential plugin failed in Japanese, the plugin's own words untouched", async () => {
    await assert.rejects(runExecPlugin({ command: '/nonexistent/scale-ha-plugin', installHint: 'brew install it' }, 5000), {
      message: '見つかりませんでした (brew install it)',
    });
    await assert.rejects(runExecPlugin({ command: 'sh', args: ['-c', 'exit 3'] }, 5000), { message: '終了コード 3 で終了しました' });
    await assert.rejects(runExecPlugin({ command: 'sh', args: ['-c', 'echo plain'] }, 5000), {
      message: '標準出力に ExecCredential (JSON) を出力しませんでした',
    });
  });
});
