// The CLI's own texts under --lang ja, through the real entry point: commander's errors and help, the config file's
// validation, history, config, simulate, doctor's notes and reports, JSONPath errors. Ids, object names, flags,
// paths and command lines stay as they are; English stays word for word.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { journalDir, writeEntry } from '../../src/apply/journal.ts';
import { selectLanguage } from '../../src/i18n/index.ts';
import { ExitCode } from '../../src/k8s/errors.ts';
import { cli } from '../support/cli.ts';
import { maxEntry } from '../support/journal-entries.ts';

const offline = { KUBECONFIG: '/nonexistent/kubeconfig', XDG_CONFIG_HOME: '/nonexistent/scale-ha-i18n-cli' };
const ja = (args: string[], env: NodeJS.ProcessEnv = {}) => cli(['--lang', 'ja', ...args], { ...offline, ...env });
const en = (args: string[], env: NodeJS.ProcessEnv = {}) => cli(['--lang', 'en', ...args], { ...offline, ...env });
const fixtures = 'test/fixtures';

describe("commander's own texts in Japanese", () => {
  after(() => selectLanguage('en'));

  it('refuses an unknown option with its suggestion, the flags untranslated (exit 2)', async () => {
    const result = await ja(['list', '--namespac', 'shop']);
    assert.equal(result.code, ExitCode.usage);
    assert.match(result.stderr, /^エラー: 不明なオプション '--namespac' です\n\(--namespace のことですか\?\)\n/);
    const english = await en(['list', '--namespac', 'shop']);
    assert.equal(english.code, ExitCode.usage);
    assert.match(english.stderr, /^error: unknown option '--namespac'\n\(Did you mean --namespace\?\)\n/);
  });

  it('names an unknown command, a missing argument and too many arguments (exit 2)', async () => {
    const unknown = await ja(['lis']);
    assert.equal(unknown.code, ExitCode.usage);
    assert.match(unknown.stderr, /^エラー: 不明なコマンド 'lis' です\n\(list のことですか\?\)/);
    const missing = await ja(['patch', 'hpa']);
    assert.equal(missing.code, ExitCode.usage);
    assert.match(missing.stderr, /^エラー: 必須の引数 'NAME' がありません/);
    const excess = await ja(['patch', 'hpa', 'web', 'api']);
    assert.equal(excess.code, ExitCode.usage);
    assert.match(excess.stderr, /^エラー: 'hpa' の引数が多すぎます。引数は 1 個ですが、2 個指定されました: web, api。/);
    assert.match(
      (await en(['patch', 'hpa', 'web', 'api'])).stderr,
      /^error: too many arguments for 'hpa'\. Expected 1 argument but got 2: web, api\./,
    );
    const value = await ja(['list', '-o']);
    assert.equal(value.code, ExitCode.usage);
    assert.match(value.stderr, /^エラー: オプション '-o, --output <format>' の値がありません/);
  });

  it('says (default: …) in the help in Japanese, the value untranslated', async () => {
    const result = await ja(['undo', '--help']);
    assert.equal(result.code, ExitCode.ok);
    assert.match(result.stdout, /\(デフォルト:\s+"30s"\)/);
    assert.match(result.stdout, /--wait-timeout <duration>/);
    assert.doesNotMatch(result.stdout, /\(default: /);
    assert.match((await en(['undo', '--help'])).stdout, /\(default:\s+"30s"\)/);
    const group = await ja(['patch', '--help']);
    assert.match(group.stdout, /^ {2}help \[command\] +コマンドのヘルプを表示します$/m);
  });
});

describe("the config file's validation in Japanese", () => {
  it('names each mistake at file:line:column with "did you mean", the keys and ids untranslated (exit 2)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scale-ha-i18n-cli-')), 'config.yaml');
    writeFileSync(file, 'apiVersion: scale-ha/v1\ndoctor:\n  failon: warning\n  skip: [HPA999]\n');
    const result = await ja(['config', 'view', '--config', file]);
    assert.equal(result.code, ExitCode.usage);
    assert.match(result.stderr, new RegExp(`^エラー: 設定ファイル ${file} が正しくありません: `));
    assert.ok(
      result.stderr.includes(`${file}:3:3: doctor.failon はここで使えるキーではありません ("failOn" のことですか?)`),
      result.stderr,
    );
    assert.ok(result.stderr.includes(`${file}:4:10: doctor.skip: id が "HPA999" のチェックはありません`), result.stderr);
    assert.match(result.stderr, /ヒント: ファイルを修正するか .*--config FILE または \$SCALE_HA_CONFIG/);
  });

  it('says where the config is looked for', async () => {
    const result = await ja(['config', 'path']);
    assert.equal(result.code, ExitCode.ok);
    assert.equal(
      result.stdout,
      '/nonexistent/scale-ha-i18n-cli/kubectl-scale-ha/config.yaml (デフォルトの場所。見つからないため組み込みのデフォルト値を使用)\n',
    );
  });
});

describe('command output in Japanese', () => {
  it("lists the journal's states, the ids untranslated", async () => {
    const state = mkdtempSync(join(tmpdir(), 'scale-ha-i18n-cli-state-'));
    const dir = journalDir({ XDG_STATE_HOME: state });
    writeEntry(dir, maxEntry('20261125-100001-000-aaaaaa', 1));
    writeEntry(dir, maxEntry('20261125-100002-000-bbbbbb', 2, { state: 'pending' }));
    writeEntry(dir, maxEntry('20261125-100003-000-cccccc', 3, { undoOf: '20261125-100001-000-aaaaaa', summary: ['a', 'b'] }));
    const result = await ja(['history'], { XDG_STATE_HOME: state });
    assert.equal(result.code, ExitCode.ok);
    assert.match(result.stdout, /20261125-100001-000-aaaaaa .*20261125-100003-000-cccccc で取り消し済み/);
    assert.match(result.stdout, /20261125-100002-000-bbbbbb .*結果不明: オブジェクトを確認してください/);
    assert.match(result.stdout, /20261125-100003-000-cccccc .*20261125-100001-000-aaaaaa の取り消し/);
  });

  it("prints simulate's settings line, the HPA's name and the load untranslated", async () => {
    const result = await ja(['simulate', '--spec', `${fixtures}/hpa/web-hpa.yaml`, '--pattern', 'spike', '--duration', '5m']);
    assert.equal(result.code, ExitCode.ok);
    assert.match(result.stdout, /^HPA web: min 2、max 12。負荷 pattern:spike base [\d.]+ peak [\d.]+。同期間隔 15 秒、Pod の起動 30 秒\n/);
    assert.match(result.stdout, /^ {5}█ レプリカ {3}• 負荷に必要なレプリカ {3}• 必要数に足りない Ready な Pod$/m);
  });

  it('says what the config file skips and suppresses, the ids, names and reasons untranslated', async () => {
    const result = await ja(['doctor', '-f', `${fixtures}/config/manifests`, '--config', `${fixtures}/config/full.yaml`]);
    assert.match(
      result.stdout,
      /設定ファイルの例外により 2 件の検出結果を除外しました: .*full\.yaml:\d+:\d+ のルールで 2 件 \(namespace batch-\*、name nightly-\*、HA008: batch jobs run one replica on purpose\)。/,
    );
    assert.match(result.stderr, /注: 設定ファイル .*full\.yaml は HA005 をスキップし、/);
  });

  it('writes the markdown and html reports in Japanese, the commands untranslated', async () => {
    const args = ['doctor', '-f', `${fixtures}/offline/manifests`];
    const markdown = (await ja([...args, '-o', 'markdown'])).stdout;
    assert.match(markdown, /^\| 重大度 \| ID \| オブジェクト \| メッセージ \| 場所 \|$/m);
    assert.match(markdown, /^修正:$/m);
    assert.match(markdown, /^kubectl scale-ha patch /m);
    assert.match((await en([...args, '-o', 'markdown'])).stdout, /^\| Severity \| ID \| Object \| Message \| Location \|$/m);
    const html = (await ja([...args, '-o', 'html'])).stdout;
    assert.match(html, /<html lang="ja">/);
    assert.match(html, /<th>重大度<\/th>/);
    assert.match(
      html,
      /<footer>kubectl-scale_ha \S+ が作成しました。検出結果の説明: <code>kubectl scale-ha doctor --explain ID<\/code><\/footer>/,
    );
  });

  it('places a JSONPath syntax error in Japanese, the template untranslated (exit 2)', async () => {
    const result = await ja(['version', '--client', '-o', 'jsonpath={.client']);
    assert.equal(result.code, ExitCode.usage);
    assert.match(result.stderr, /1 文字目を解析できません: "\{" が閉じられていません。\n {2}\{\.client\n/);
  });
});
