import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseLanguage, languageOfEnvironment } from '../../src/cli/language.ts';
import { ExitCode } from '../../src/k8s/errors.ts';
import { cli } from '../support/cli.ts';

const noConfig = { XDG_CONFIG_HOME: '/nonexistent/scale-ha-test-config' };

describe('choosing the language', () => {
  it('reads the locale in POSIX order: LC_ALL, then LC_MESSAGES, then LANG', () => {
    assert.equal(languageOfEnvironment({ LANG: 'ja_JP.UTF-8' }), 'ja');
    assert.equal(languageOfEnvironment({ LC_MESSAGES: 'ja_JP', LANG: 'en_US.UTF-8' }), 'ja');
    assert.equal(languageOfEnvironment({ LC_ALL: 'C', LANG: 'ja_JP.UTF-8' }), 'en');
    assert.equal(languageOfEnvironment({ LC_ALL: '', LANG: 'ja_JP.UTF-8' }), 'ja');
    assert.equal(languageOfEnvironment({ LANG: 'fr_FR.UTF-8' }), 'en');
    assert.equal(languageOfEnvironment({}), 'en');
  });

  it('lets --lang win over the locale, before or after the command', async () => {
    assert.equal(await chooseLanguage(['--lang', 'en', 'doctor'], { ...noConfig, LANG: 'ja_JP.UTF-8' }), 'en');
    assert.equal(await chooseLanguage(['doctor', '--lang=ja'], { ...noConfig, LANG: 'C' }), 'ja');
    assert.equal(await chooseLanguage(['doctor', '--', '--lang', 'ja'], noConfig), 'en');
  });

  it('refuses a language it does not have as a usage error (exit 2)', async () => {
    const result = await cli(['--lang', 'fr', 'version', '--client']);
    assert.equal(result.code, ExitCode.usage);
    assert.match(result.stderr, /--lang: "fr" is not a language of this plugin/);
    assert.match(result.stderr, /en, ja/);
    assert.equal(result.stdout, '');
  });
});
