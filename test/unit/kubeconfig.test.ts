import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { generate as generateCertificate } from 'selfsigned';
import { ExitCode, UserError } from '../../src/k8s/errors.ts';
import { loadKubeconfig } from '../../src/kube/kubeconfig.ts';

const dir = join(import.meta.dirname, '../fixtures/kubeconfig');
const a = join(dir, 'a.yaml');
const b = join(dir, 'b.yaml');
const env = (KUBECONFIG: string) => ({ KUBECONFIG });

function exitCodeOf(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
    return error.exitCode;
  }
  return undefined;
}

describe('loadKubeconfig', () => {
  it("takes the first file's current-context from a KUBECONFIG list", () => {
    const loaded = loadKubeconfig({ env: env(`${a}:${b}`) });
    assert.equal(loaded.contextName, 'alpha');
    assert.equal(loaded.server, 'https://127.0.0.1:6443');
  });

  it('lets the first file win for a cluster or user defined twice', () => {
    const loaded = loadKubeconfig({ env: env(`${a}:${b}`), context: 'shared-ctx' });
    assert.equal(loaded.server, 'https://a.example:6443');
    assert.equal(loaded.user?.token, 'token-a');
  });

  it('ignores files of the list that do not exist', () => {
    const loaded = loadKubeconfig({ env: env(`${join(dir, 'missing.yaml')}:${b}`) });
    assert.equal(loaded.contextName, 'beta');
  });

  it("takes the namespace from -n, else the context's, else default", () => {
    assert.equal(loadKubeconfig({ kubeconfig: a }).namespace, 'shop');
    assert.equal(loadKubeconfig({ kubeconfig: a, namespace: 'other' }).namespace, 'other');
    assert.equal(loadKubeconfig({ kubeconfig: b }).namespace, 'default');
  });

  it('prefers --kubeconfig over KUBECONFIG', () => {
    assert.equal(loadKubeconfig({ kubeconfig: b, env: env(a) }).contextName, 'beta');
  });

  it('keeps the exec credential plugin of the user, with its path made absolute', () => {
    const user = loadKubeconfig({ kubeconfig: b }).user;
    assert.equal(user?.exec?.command, join(dir, 'print-token'));
  });

  it('refuses an unknown --context and names the known ones', () => {
    assert.throws(
      () => loadKubeconfig({ kubeconfig: a, context: 'nope' }),
      (error: UserError) => {
        assert.equal(error.exitCode, ExitCode.kubeconfig);
        assert.match(error.message, /"nope" does not exist/);
        assert.match(error.hint ?? '', /alpha, dangling/);
        return true;
      },
    );
  });

  it('refuses a context whose cluster is not defined', () => {
    assert.equal(
      exitCodeOf(() => loadKubeconfig({ kubeconfig: a, context: 'dangling' })),
      ExitCode.kubeconfig,
    );
  });

  it('refuses a missing --kubeconfig file and a missing default file', () => {
    assert.equal(
      exitCodeOf(() => loadKubeconfig({ kubeconfig: join(dir, 'missing.yaml') })),
      ExitCode.kubeconfig,
    );
    assert.equal(
      exitCodeOf(() => loadKubeconfig({ env: {}, home: dir })),
      ExitCode.kubeconfig,
    );
  });

  it('reports a file that is not a kubeconfig with its path', () => {
    assert.throws(
      () => loadKubeconfig({ kubeconfig: join(import.meta.dirname, 'kubeconfig.test.ts') }),
      /Cannot read kubeconfig .*kubeconfig\.test\.ts/,
    );
  });

  it('never quotes the kubeconfig in a YAML error: credentials stay out of the message', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scale-ha-kubeconfig-')), 'config');
    writeFileSync(file, 'apiVersion: v1\nusers:\n- name: u\n  user:\n    token: s3cr3t-token-value\n   password: hunter2\nclusters: [\n', {
      mode: 0o600,
    });
    assert.throws(
      () => loadKubeconfig({ kubeconfig: file }),
      (error) =>
        error instanceof UserError &&
        error.exitCode === ExitCode.kubeconfig &&
        error.message.startsWith(`Cannot read kubeconfig ${file}: `) &&
        !/s3cr3t|hunter2/.test(`${error.message} ${error.hint}`),
    );
  });

  describe('credential faults are kubeconfig faults (exit 4) naming the field, found before any request', () => {
    const write = (users: string, clusterExtra = '') => {
      const file = join(mkdtempSync(join(tmpdir(), 'scale-ha-kubeconfig-')), 'config');
      writeFileSync(
        file,
        `apiVersion: v1\nkind: Config\ncurrent-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\nclusters:\n- name: k\n  cluster: {server: "https://127.0.0.1:6443"${clusterExtra}}\nusers:\n${users}`,
        { mode: 0o600 },
      );
      return file;
    };
    const fault = (file: string, pattern: RegExp) =>
      assert.throws(
        () => loadKubeconfig({ kubeconfig: file }),
        (e) => e instanceof UserError && e.exitCode === ExitCode.kubeconfig && pattern.test(e.message),
      );

    it('a missing certificate authority, client certificate or key file', () => {
      fault(
        write('- name: u\n  user: {token: t}\n', ', certificate-authority: /nonexistent/ca.crt'),
        /certificate-authority .* \/nonexistent\/ca\.crt, which does not exist/,
      );
      fault(
        write('- name: u\n  user: {client-certificate: /nonexistent/c.crt, client-key: /nonexistent/c.key}\n'),
        /client-certificate .* does not exist/,
      );
    });

    describe('a client certificate and key', () => {
      const keyPair = () =>
        generateKeyPairSync('ec', {
          namedCurve: 'P-256',
          publicKeyEncoding: { type: 'spki', format: 'pem' },
          privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        });
      const pems = { certificate: '', key: '', otherKey: '' };
      before(async () => {
        const mine = keyPair();
        const certificate = await generateCertificate([{ name: 'commonName', value: 'u' }], { keyType: 'ec', keyPair: mine });
        Object.assign(pems, { certificate: certificate.cert, key: mine.privateKey, otherKey: keyPair().privateKey });
      });
      const base64 = (pem: string) => Buffer.from(pem).toString('base64');
      const filesFor = (certificate: string, key: string) => {
        const folder = mkdtempSync(join(tmpdir(), 'scale-ha-client-cert-'));
        writeFileSync(join(folder, 'client.crt'), certificate);
        writeFileSync(join(folder, 'client.key'), key, { mode: 0o600 });
        return { crt: join(folder, 'client.crt'), key: join(folder, 'client.key') };
      };

      it('that do not belong together are named with the user and both files, and no PEM is quoted', () => {
        const files = filesFor(pems.certificate, pems.otherKey);
        assert.throws(
          () => loadKubeconfig({ kubeconfig: write(`- name: u\n  user: {client-certificate: ${files.crt}, client-key: ${files.key}}\n`) }),
          (e) =>
            e instanceof UserError &&
            e.exitCode === ExitCode.kubeconfig &&
            e.message.includes(`users[u].client-certificate (${files.crt}) and users[u].client-key (${files.key})`) &&
            /do not match/.test(e.message) &&
            !/BEGIN|PRIVATE/.test(`${e.message} ${e.hint}`),
        );
      });

      it('that do not belong together as embedded data name the -data fields', () => {
        fault(
          write(`- name: u\n  user: {client-certificate-data: ${base64(pems.certificate)}, client-key-data: ${base64(pems.otherKey)}}\n`),
          /users\[u\]\.client-certificate-data and users\[u\]\.client-key-data .*do not match/,
        );
      });

      it('that are not PEM are named as such', () => {
        const files = filesFor(pems.certificate, 'not a key\n');
        fault(
          write(`- name: u\n  user: {client-certificate: ${files.crt}, client-key: ${files.key}}\n`),
          /users\[u\]\.client-key \(.*client\.key\) in .* is not a PEM private key/,
        );
        fault(
          write(`- name: u\n  user: {client-certificate-data: ${base64('garbage')}, client-key-data: ${base64(pems.key)}}\n`),
          /users\[u\]\.client-certificate-data in .* is not a PEM certificate/,
        );
      });

      it('one without the other is refused as kubectl refuses it', () => {
        fault(
          write(`- name: u\n  user: {client-certificate-data: ${base64(pems.certificate)}}\n`),
          /users\[u\] in .* has a client certificate but no client key/,
        );
      });

      it('that belong together load', () => {
        const files = filesFor(pems.certificate, pems.key);
        const loaded = loadKubeconfig({
          kubeconfig: write(`- name: u\n  user: {client-certificate: ${files.crt}, client-key: ${files.key}}\n`),
        });
        assert.equal(loaded.user?.certFile, files.crt);
      });
    });

    it('a field of the wrong type, found by the generated kubeconfigs: named, not a TypeError', () => {
      fault(write('- name: u\n  user: {tokenFile: 5}\n'), /users\[u\]\.tokenFile in .* is not a path/);
      fault(
        write('- name: u\n  user: {client-certificate-data: 123, client-key-data: 456}\n'),
        /users\[u\]\.client-certificate-data in .* is not base64 text/,
      );
    });

    it('an exec plugin entry kubectl would refuse, for the context user only', () => {
      const v1 = 'apiVersion: client.authentication.k8s.io/v1';
      fault(write(`- name: u\n  user: {exec: {command: 0, ${v1}}}\n`), /users\[u\]\.exec\.command in .* must name the plugin to run/);
      fault(
        write('- name: u\n  user: {exec: {command: gke-auth}}\n'),
        /users\[u\]\.exec\.apiVersion in .* must be one of client\.authentication\.k8s\.io\/v1,/,
      );
      fault(
        write(`- name: u\n  user: {exec: {command: p, ${v1}, args: [1, {a: b}]}}\n`),
        /users\[u\]\.exec\.args .* must be a list of strings/,
      );
      fault(
        write(`- name: u\n  user: {exec: {command: p, ${v1}, env: [{name: A}]}}\n`),
        /users\[u\]\.exec\.env .* must be a list of \{name, value\} strings/,
      );
      const another = write(
        `- name: u\n  user: {exec: {command: p, ${v1}, args: [--flag], env: [{name: A, value: b}]}}\n- name: v\n  user: {exec: {command: true}}\n`,
      );
      assert.equal(
        exitCodeOf(() => loadKubeconfig({ kubeconfig: another })),
        undefined,
      );
    });

    it('a user the context names but nobody defines', () => {
      fault(write('- name: other\n  user: {token: t}\n'), /names the user "u", which is not defined/);
    });

    it('a token file: missing is a fault, present is read as kubectl reads it', () => {
      fault(
        write('- name: u\n  user: {tokenFile: /nonexistent/token}\n'),
        /tokenFile .* \/nonexistent\/token, which cannot be read \(ENOENT\)/,
      );
      const file = write('- name: u\n  user: {tokenFile: token}\n');
      writeFileSync(join(file, '..', 'token'), 'abc123\n', { mode: 0o600 });
      assert.equal(loadKubeconfig({ kubeconfig: file }).user?.token, 'abc123');
    });
  });
});
