import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { behaviorPresets } from '../../src/hpa/presets.ts';
import { validateHPASpec } from '../../src/hpa/validate.ts';
import { selectLanguage } from '../../src/i18n/index.ts';
import { ExitCode } from '../../src/k8s/errors.ts';
import { formatFieldError } from '../../src/k8s/field-error.ts';
import type { HorizontalPodAutoscaler, WorkloadObject } from '../../src/k8s/types.ts';
import { helmWarning } from '../../src/plan/owner.ts';
import { validateScale, validateWorkloadSettings } from '../../src/plan/settings.ts';
import { validateApigeeBehavior } from '../../src/profiles/apigee-hpa.ts';
import { apigeeDefaultBehavior, apigeeBehaviorToHPA } from '../../src/profiles/apigee-hpa.ts';
import { genericHpaEdits } from '../../src/profiles/values/generic.ts';
import { offlineGaps } from '../../src/snapshot/from-files.ts';
import { cli } from '../support/cli.ts';

const hpa: HorizontalPodAutoscaler = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: {
    name: 'web',
    namespace: 'shop',
    annotations: { 'meta.helm.sh/release-name': 'storefront', 'meta.helm.sh/release-namespace': 'shop' },
  },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 6 },
};

const messageOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('expected a refusal');
};

describe('the pure layers in Japanese (--lang ja)', () => {
  before(() => selectLanguage('ja'));
  after(() => selectLanguage('en'));

  it('prints an HPA spec error of simulate --spec in Japanese, the field path and `minReplicas` untranslated', async () => {
    const result = await cli(['--lang', 'ja', 'simulate', '--spec', 'test/fixtures/hpa/invalid-hpa.yaml', '--pattern', 'spike']);
    assert.equal(result.code, ExitCode.usage);
    assert.match(result.stderr, /spec\.maxReplicas: 無効な値: 1: `minReplicas` 以上でなければなりません/);
  });

  it('says a --behavior is neither a preset nor a file, naming the presets as they are spelled', async () => {
    const result = await cli([
      '--lang',
      'ja',
      'simulate',
      '--spec',
      'test/fixtures/hpa/web-hpa.yaml',
      '--pattern',
      'spike',
      '--behavior',
      'nope.yaml',
    ]);
    assert.equal(result.code, ExitCode.usage);
    assert.match(result.stderr, /--behavior: "nope\.yaml" はプリセットでもファイルでもありません。/);
    assert.match(
      result.stderr,
      /プリセット: current, kubernetes-default, apigee-default, apigee-more-aggressive, apigee-less-aggressive。/,
    );
  });

  it('refuses a lowercase-m wait time in Japanese, the flag and the quantities untranslated', async () => {
    const result = await cli(['--lang', 'ja', 'patch', 'env', 'prod', 'runtime', '--wait-time', '400m']);
    assert.equal(result.code, ExitCode.usage);
    assert.match(result.stderr, /--wait-time: 無効な値: "400m": 小文字の m はミリです: 400m は 0\.4 で、400M ではありません。/);
    assert.match(result.stderr, /400M と書いてください \(範囲 300M から 450M\)/);
  });

  it('reports a values file of an unknown chart in Japanese under its id', async () => {
    const result = await cli(['--lang', 'ja', 'doctor', '-f', 'test/fixtures/values-files/unknown-vendor.yaml']);
    assert.match(result.stdout, /VAL003 Apigee hybrid の overrides でも wallarm-sidecar の values でもありません/);
    assert.match(result.stdout, /ファイルが別のチャートのものなら、何もする必要はありません。/);
  });

  it('rejects a bad label selector in Japanese, the selector and the examples as typed', async () => {
    const result = await cli(['--lang', 'ja', 'list', '-l', 'a b c']);
    assert.equal(result.code, ExitCode.usage);
    assert.match(result.stderr, /ラベルセレクター "a b c" が無効です: "a b c" を解析できません。/);
    assert.match(result.stderr, /例: -l app=web,tier!=cache または -l "env in \(prod,stage\)"。/);
  });

  it('refuses workload settings in Japanese, the flags untranslated', () => {
    assert.equal(
      messageOf(() => validateWorkloadSettings({ antiAffinity: 'preferred', weight: 200 })),
      '--weight は 1 から 100 まででなければなりません (指定値: 200)。',
    );
    assert.equal(
      messageOf(() => validateScale({ min: 5 }, { max: 3 }, 'hpa/web')),
      'hpa/web: 最大レプリカ数 3 が最小レプリカ数 5 を下回っています (現在の max 3)。',
    );
  });

  it('warns that helm owns a patched object in Japanese, the release and the command untranslated', () => {
    const warning = helmWarning(hpa) ?? '';
    assert.match(warning, /^HorizontalPodAutoscaler web は helm リリース storefront \(namespace shop\) が管理しており/);
    assert.match(warning, /次の `helm upgrade storefront` はこれらのフィールドの競合で失敗します。/);
    assert.match(warning, /--direct なしで実行します。$/);
  });

  it('says what a values change cannot do in Japanese', () => {
    const context = { chart: { name: 'web', version: '1.0.0' }, userValues: {}, chartDefaults: { autoscaling: { enabled: true } } };
    assert.equal(
      messageOf(() => genericHpaEdits(hpa, {}, context)),
      'horizontalpodautoscaler/web に変更する内容がありません。',
    );
    const edits = genericHpaEdits(
      hpa,
      { min: 3, max: 3 },
      {
        ...context,
        chartDefaults: { autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 5 } },
      },
    );
    assert.deepEqual(edits.warnings, ['min = max = 3: HPA はもうスケールできません。']);
  });

  it('checks Apigee ranges and prints field errors in Japanese, keeping paths and values', () => {
    const behavior = apigeeBehaviorToHPA(apigeeDefaultBehavior);
    behavior.scaleUp!.stabilizationWindowSeconds = 10;
    assert.deepEqual(validateApigeeBehavior(behavior).map(formatFieldError), [
      'runtime.hpaBehavior.scaleUp.stabilizationWindowSeconds: 無効な値: 10: 30 から 120 まででなければなりません (Apigee hybrid の許容範囲)',
    ]);
    const errors = validateHPASpec({ ...hpa.spec, scaleTargetRef: { kind: '', name: 'web' } }).map(formatFieldError);
    assert.deepEqual(errors, ['spec.scaleTargetRef.kind: 値が必要です']);
  });

  it('describes presets and offline gaps in Japanese, while their names stay ids', () => {
    const preset = behaviorPresets.find((p) => p.name === 'apigee-more-aggressive');
    assert.equal(preset?.description, 'Apigee ガイド: scaleUp percent 30 / pods 5、scaleDown pods 4');
    assert.deepEqual(
      offlineGaps(true).map((gap) => gap.resource),
      ['apiservices', 'pods', 'status'],
    );
    assert.match(offlineGaps(true)[0]!.reason, /^クラスターではなくファイルを検査しました: /);
  });

  it('keeps the English wording when the language is English again', async () => {
    await selectLanguage('en');
    try {
      assert.equal(
        messageOf(() => validateWorkloadSettings({ antiAffinity: 'preferred', weight: 200 })),
        '--weight must be between 1 and 100 (got 200).',
      );
      assert.equal(
        behaviorPresets[0]?.description,
        'no behavior: scale up at most max(2×current, 4) per sync, 5-minute downscale stabilization',
      );
      const workload = { metadata: { name: 'web' } } as unknown as WorkloadObject;
      assert.equal(helmWarning(workload), undefined);
    } finally {
      await selectLanguage('ja');
    }
  });
});
