import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { historyOf } from '../../src/apply/undo.ts';
import { selectLanguage } from '../../src/i18n/index.ts';
import { fixLines } from '../../src/tui/fix-text.ts';
import { historyRows } from '../../src/tui/history.ts';
import type { WriteState } from '../../src/tui/hooks/useWrite.ts';
import { reviewLines } from '../../src/tui/review-lines.ts';
import { displayWidth, fitToWidth, padToWidth, sliceToWidth } from '../../src/i18n/width.ts';
import { maxEntry } from '../support/journal-entries.ts';
import { fakeWrite, fixtureSnapshot, historyFrame, keys, renderTui } from './tui/harness.ts';

before(() => selectLanguage('ja'));
after(() => selectLanguage('en'));
afterEach(cleanup);

const broken = () => fixtureSnapshot('cluster.yaml', 'broken.yaml', 'healthy.yaml');

/** Where `text` starts on `line`, in terminal columns. */
const columnOf = (line: string, text: string) => {
  const at = line.indexOf(text);
  assert.ok(at >= 0, `${text} not in ${line}`);
  return displayWidth(line.slice(0, at));
};

const lineWith = (frame: string, text: string) => frame.split('\n').find((line) => line.includes(text)) ?? '';

/** The Workloads screen once the listing is in (the harness waits on the English spinner only). */
async function workloads(props: Parameters<typeof renderTui>[0] = {}) {
  const app = await renderTui({ snapshot: broken(), ...props });
  await app.waitFor(/deployment\/web/);
  return app;
}

describe('tui in Japanese (--lang ja)', () => {
  it('Workloads: the header, column titles, counts and key hints in Japanese; names and numbers as they are', async () => {
    const app = await workloads();
    const frame = app.frame();
    assert.match(frame, /コンテキスト fixture · namespace すべて/);
    assert.match(frame, /\d\d:\d\d:\d\d に取得/);
    assert.match(frame, /ワークロード \d+ 件 · 並び順: 名前/);
    assert.match(frame, /ワークロード\s+準備済\s+検出結果\s+HPA 最小\/最大\/現在\s+ターゲット/);
    const web = lineWith(frame, 'deployment/web');
    assert.match(web, /shop/);
    assert.match(web, /3\/3\s+問題なし\s/);
    assert.match(web, /cpu: 41%/);
    assert.match(frame, /↓ 次の行 · enter 開く · tab 次のセクション · \/ 行を絞り込む/);
    assert.doesNotMatch(frame, /workloads|sorted by|listed/);
  });

  it('Workloads: each column starts under its Japanese title, two columns per wide character', async () => {
    const app = await workloads();
    const frame = app.frame();
    const header = lineWith(frame, '準備済');
    const web = lineWith(frame, 'deployment/web');
    assert.equal(columnOf(web, 'deployment/web'), columnOf(header, 'ワークロード'));
    assert.equal(columnOf(web, '3/3'), columnOf(header, '準備済'));
    assert.equal(columnOf(web, '問題なし'), columnOf(header, '検出結果'));
    assert.equal(columnOf(web, 'cpu: 41%'), columnOf(header, 'ターゲット'));
  });

  it('Workloads: the filter, the sort and the pickers in Japanese', async () => {
    const app = await workloads();
    await app.press(keys.tab);
    assert.match(app.frame(), /並び順: 検出結果/);
    await app.press('/', 'z', 'z', 'z');
    assert.match(app.frame(), /フィルター: zzz/);
    assert.match(app.frame(), /ワークロード \d+ 件中 0 件/);
    assert.match(app.frame(), /フィルターに一致するワークロードはありません \(esc で解除します\)。/);
    await app.press(keys.enter, keys.escape, 'c');
    assert.match(app.frame(), /このセッションではコンテキストを切り替えられません。/);
  });

  it('Workloads: a failed listing in Japanese, the server message and hint as they came', async () => {
    const failure = Object.assign(new Error('cannot reach https://10.0.0.1:6443'), { hint: 'check the VPN' });
    const app = await renderTui({ load: () => Promise.reject(failure) });
    await app.waitFor(/エラー/);
    assert.match(app.frame(), /エラー: cannot reach https:\/\/10\.0\.0\.1:6443 \(check the VPN\)/);
    assert.match(app.frame(), /未取得/);
  });

  it('Detail: the sections, the HPA line, pods per node and the findings in Japanese', async () => {
    const app = await workloads();
    await app.press('/', 's', 't', 'r', 'i', 'c', 't', keys.enter, keys.enter);
    const frame = app.frame();
    assert.match(frame, /broken\/deployment\/strict/);
    assert.match(frame, /strict: 最小 3 最大 10 現在 10/);
    assert.match(frame, /メトリクス cpu: <unknown>\/60%/);
    assert.match(frame, /ノードとゾーンごとの Pod/);
    assert.match(frame, /検出結果 \(4\)/);
    assert.match(frame, /スケーリング所有者: none/);
    assert.match(frame, /tab でここへ: j\/k で検出結果を選ぶと修正を表示し、f で適用します/);
    assert.match(frame, /esc 戻る · tab 次のセクション · r 再取得 · e スケーリングを編集/);
    await app.press(keys.tab, keys.tab);
    assert.match(app.frame(), /▸ 検出結果 \(4\)/);
    assert.match(app.frame(), /^\s+› E \w+\d+ /m, 'the severity letter and the check id stay as they are');
    assert.match(app.frame(), / 修正: /);
  });

  it('Wizard: the title, groups and labels in Japanese, every value starting in the same column', async () => {
    const app = await workloads({ snapshot: fixtureSnapshot('cluster.yaml', 'healthy.yaml') });
    await app.press('/', 'w', 'e', 'b', keys.enter, keys.enter, 'e');
    const frame = app.frame();
    assert.match(frame, /shop\/deployment\/web を編集/);
    assert.match(frame, /hpa\/web 現在 2–8、anti-affinity preferred \(hostname\)/);
    assert.match(frame, /スケーリング/);
    assert.match(frame, /配置/);
    assert.match(frame, /最小レプリカ数\s+\[2▏\]/);
    assert.match(frame, /behavior\s+‹ 現在のまま ›/);
    assert.match(frame, /anti-affinity\s+‹ preferred ›/, 'a Kubernetes mode stays as it is');
    assert.match(frame, /まだ変更がありません: 値を編集してください。/);
    assert.match(frame, /↑↓ tab 項目/);
    const valueColumns = frame
      .split('\n')
      .filter((line) => /^[▸ ] /.test(line) && /[[‹]/.test(line))
      .map((line) => displayWidth(line.slice(0, line.search(/[[‹]/))));
    assert.ok(valueColumns.length >= 5, frame);
    assert.deepEqual(new Set(valueColumns), new Set([valueColumns[0]]), frame);
  });

  it('Wizard: a field error names the Japanese label, the typed text as it is', async () => {
    const app = await workloads({ snapshot: fixtureSnapshot('cluster.yaml', 'healthy.yaml') });
    await app.press('/', 'w', 'e', 'b', keys.enter, keys.enter, 'e', keys.backspace);
    assert.match(app.frame(), /✗ 最小レプリカ数: 値が必要です。/);
    assert.match(app.frame(), /レビューするには上の項目を直してください/);
  });

  it('Review and Apply: the dry run, the warning, the keys and the journal id in Japanese', async () => {
    const app = await workloads({ snapshot: fixtureSnapshot('cluster.yaml', 'healthy.yaml'), write: fakeWrite().write });
    await app.press('/', 'w', 'e', 'b', keys.enter, keys.enter, 'e', keys.down, keys.backspace, '9');
    assert.match(app.frame(), /enter で 1 件の変更をレビュー \(サーバーのドライラン。まだ何も書き込みません\)/);
    assert.match(app.frame(), /試算: spike の負荷を 30 分間/);
    assert.match(app.frame(), /現在: ピーク \d+、容量不足 [\d.]+ 分/);
    await app.press(keys.enter);
    await app.waitFor(/y でこれらの変更を適用/);
    const review = app.frame();
    assert.match(review, /^レビュー$/m);
    assert.match(review, /hpa\/web: サーバーが受け付けました \(ドライラン、何も書き込んでいません\)/);
    assert.match(review, /警告: fake ownership warning/);
    assert.match(review, /y でこれらの変更を適用 · esc でウィザードに戻ります/);
    await app.press('y');
    await app.waitFor(/ジャーナル id/);
    assert.match(app.frame(), /^適用$/m);
    assert.match(app.frame(), /hpa\/web: 適用しました/);
    assert.match(app.frame(), /ジャーナル id: 20261204-231500-abc · h で一覧、u で取り消し/);
    assert.match(app.frame(), /esc でワークロードに戻ります/);
  });

  it('History: the title, count, column titles and states in Japanese, each column under its title', () => {
    const rows = historyRows(
      historyOf([
        maxEntry('20261125-100001-000-aaaaaa', 1),
        maxEntry('20261125-100002-000-bbbbbb', 2, { undoOf: '20261125-100001-000-aaaaaa', state: 'pending' }),
      ]),
    );
    const frame = historyFrame({ rows, journal: '/state/journal' });
    assert.match(frame, /履歴 · ジャーナルに記録された変更 2 件 \(新しい順\)/);
    assert.match(frame, /u で選択した変更を取り消します/);
    assert.match(frame, /結果不明、20261125-100001/);
    assert.deepEqual(
      rows.map((r) => r.state),
      ['結果不明、20261125-100001-000-aaaaaa の取り消し', '20261125-100002-000-bbbbbb で取り消し済み'],
    );
    const header = lineWith(frame, 'オブジェクト');
    const row = lineWith(frame, '> 20261125-100002');
    assert.equal(columnOf(row, 'horizontalpodautoscaler/web'), columnOf(header, 'オブジェクト'));
    assert.equal(columnOf(row, '結果不明'), columnOf(header, '状態'));
  });

  it('History: the empty journal in Japanese, with its path as it is', () => {
    const frame = historyFrame({ rows: [], journal: '/state/journal' });
    assert.match(frame, /\/state\/journal にはまだジャーナルに記録された変更がありません。/);
    assert.match(frame, /kubectl scale-ha patch/);
  });

  it('Help: the title, every key and its description, and how to close it in Japanese', async () => {
    const app = await workloads();
    await app.press('?');
    const frame = app.frame();
    assert.match(frame, /キー/);
    assert.match(frame, /↑ k\s+前の行/);
    assert.match(frame, /q ctrl\+c\s+終了/);
    assert.match(frame, /\? または esc でこのヘルプを閉じます/);
  });

  it("wraps the review's Japanese lines at the terminal's width in columns", () => {
    const write: WriteState = {
      phase: 'review',
      jobs: [],
      steps: [
        {
          label: 'hpa/web',
          diffs: [],
          lines: [{ kind: 'warning', text: '日本語の長い警告文がここに続きます。'.repeat(4) }],
          status: 'dry-run',
          journalId: null,
          journalError: null,
        },
      ],
      error: null,
    };
    const lines = reviewLines(write, 30);
    assert.equal(lines[0]?.text, 'レビュー');
    assert.ok(lines.length > 4, JSON.stringify(lines));
    for (const line of lines) assert.ok(displayWidth(line.text) <= 30, `${line.text} is ${displayWidth(line.text)} columns`);
    assert.equal(
      lines
        .filter((l) => l.tone === 'warning')
        .map((l) => l.text)
        .join(''),
      `警告: ${'日本語の長い警告文がここに続きます。'.repeat(4)}`,
    );
  });

  it('spells a fix in Japanese, objects, fields and values as they are', () => {
    assert.deepEqual(
      fixLines({
        type: 'kubectl-create-pdb',
        namespace: 'shop',
        name: 'web',
        maxUnavailable: 1,
        selector: { app: 'web' },
      } as Parameters<typeof fixLines>[0]),
      ['PodDisruptionBudget shop/web を作成: maxUnavailable=1、selector {"app":"web"}'],
    );
    assert.deepEqual(
      fixLines({ type: 'intent', intent: { type: 'hpa', namespace: 'shop', name: 'web', settings: {} } } as Parameters<typeof fixLines>[0]),
      ['変更 hpa shop/web: 変更なし'],
    );
  });
});

describe('terminal columns (tui/width.ts)', () => {
  it('counts a Japanese character as two columns, ASCII and box drawing as one', () => {
    assert.equal(displayWidth('abc'), 3);
    assert.equal(displayWidth('準備済'), 6);
    assert.equal(displayWidth('HPA 最小/最大'), 4 + 4 + 1 + 4);
    assert.equal(displayWidth('… ▸ ‹ ›'), 7);
  });

  it('pads and cuts by columns, never splitting a wide character', () => {
    assert.equal(padToWidth('名前', 6), '名前  ');
    assert.equal(fitToWidth('ワークロード', 7), 'ワーク…');
    assert.equal(fitToWidth('ワークロード', 8), 'ワーク… ', 'the wide ロ would straddle the end: a space fills its column');
    assert.equal(fitToWidth('deployment/web', 8), 'deploym…');
    assert.deepEqual(sliceToWidth('あいう', 3), ['あ', 'いう']);
  });
});
