import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli } from '../support/cli.ts';

const manifests = join(import.meta.dirname, '../fixtures/offline/manifests');
const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** What must not change with the language: each finding's id, object and the command lines it suggests. */
function invariants(report: string): string[] {
  return report
    .split('\n')
    .flatMap((line) => [...line.matchAll(/[✖▲●] [A-Z]+\d+|kubectl [^\s].*$|^\S.*\/.*$/g)].map((m) => m[0].replace(/^(修正|fix): /, '')));
}

describe('doctor in Japanese', () => {
  it('prints the findings, fixes and summary in Japanese with the same ids, objects and commands as in English', async () => {
    const english = await cli(['doctor', '-f', manifests, '--fail-on', 'none']);
    const ja = await cli(['--lang', 'ja', 'doctor', '-f', manifests, '--fail-on', 'none']);
    assert.equal(ja.code, english.code);
    assert.match(ja.stdout, /コンテナ sidecar-proxy \(Wallarm の Webhook が注入\) に cpu の request がありません/);
    assert.match(ja.stdout, /エラー \d+ 件、警告 \d+ 件/);
    assert.match(ja.stdout, /修正: kubectl scale-ha patch/);
    assert.doesNotMatch(ja.stdout, /\bfix: /);
    assert.deepEqual(invariants(ja.stdout), invariants(english.stdout));
    assert.ok(invariants(english.stdout).some((line) => line.startsWith('kubectl scale-ha patch')));
  });

  it('takes Japanese from LANG=ja_JP.UTF-8, and English when LC_ALL=C overrides it', async () => {
    const fromLocale = await cli(['doctor', '--explain', 'HPA003'], { LANG: 'ja_JP.UTF-8' });
    assert.equal(fromLocale.code, 0);
    assert.match(fromLocale.stdout, japanese);
    const overridden = await cli(['doctor', '--explain', 'HPA003'], { LANG: 'ja_JP.UTF-8', LC_ALL: 'C' });
    assert.doesNotMatch(overridden.stdout, japanese);
  });

  it('takes the language from the config file when --lang is not given, and --lang over it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'scale-ha-lang-'));
    const config = join(home, 'config.yaml');
    writeFileSync(config, 'apiVersion: scale-ha/v1\nkind: Config\nlang: ja\n');
    assert.match((await cli(['--config', config, 'doctor', '--explain', 'HPA008'])).stdout, japanese);
    assert.doesNotMatch((await cli(['--config', config, '--lang', 'en', 'doctor', '--explain', 'HPA008'])).stdout, japanese);
  });

  it("names the vendor guide section a check's rule comes from, in the user's language", async () => {
    const en = await cli(['doctor', '--explain', 'RES002']);
    assert.match(en.stdout, /Guide:\n {2}Wallarm guide .*Postanalytics \(Tarantool\): arena vs memory/);
    const ja = await cli(['--lang', 'ja', 'doctor', '--explain', 'RES002']);
    assert.match(ja.stdout, /出典ガイド:\n {2}Wallarm ガイド「Wallarm Sidecarのスケーリングと高可用性」 › .*Postanalytics \(Tarantool\)/);
    for (const [id, section] of [
      ['HPA003', /injected sidecars/],
      ['VAL022', /Per-pod allocation with pod annotations/],
      ['VAL016', /replicaCountMin \/ replicaCountMax/],
      ['VAL011', /Metrics-based scaling/],
      ['HPA002', /Troubleshooting › The HPA shows unknown/],
    ] as const)
      assert.match((await cli(['doctor', '--explain', id])).stdout, section, id);
  });
});

describe('help in Japanese', () => {
  it('describes the doctor, its options, the global options and the examples in Japanese, commands unchanged', async () => {
    const english = await cli(['doctor', '--help']);
    const ja = await cli(['--lang', 'ja', 'doctor', '--help']);
    assert.equal(ja.code, 0);
    for (const heading of ['使い方:', '引数:', 'オプション:', 'グローバルオプション:', '例:'])
      assert.ok(ja.stdout.includes(heading), heading);
    assert.match(ja.stdout, /--lang <language> +メッセージとヘルプの言語/);
    assert.match(ja.stdout, /コマンドのヘルプを表示します/);
    const commandLines = (text: string) => text.split('\n').filter((line) => /^ {2}kubectl scale-ha /.test(line));
    assert.deepEqual(commandLines(ja.stdout), commandLines(english.stdout));
    assert.ok(commandLines(english.stdout).length > 3);
    assert.doesNotMatch(english.stdout, japanese);
  });
});
