// End-to-end harness: runs the real kubectl (which dispatches to our plugin) against the test bed.
// scripts/test exports KUBECONFIG and PATH from `scripts/testbed env`; without them we fail loudly.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { stringify } from 'yaml';

export function requireTestbed(): void {
  assert.ok(process.env.KUBECONFIG, 'KUBECONFIG is not set: run the e2e tests through scripts/test (it starts the test bed)');
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** An empty config home: no developer's ~/.config/kubectl-scale-ha/config.yaml may change what a test sees. */
const configHome = mkdtempSync(join(tmpdir(), 'scale-ha-e2e-config-'));

export async function kubectl(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CommandResult> {
  requireTestbed();
  const result = await execa('kubectl', args, {
    reject: false,
    input: options.input,
    // English whatever the machine's locale: the tests read English messages.
    env: { NO_COLOR: '1', XDG_CONFIG_HOME: configHome, LC_ALL: '', LC_MESSAGES: '', LANG: 'C', ...options.env },
    timeout: 120_000,
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Runs scripts/testbed (e.g. to stop metrics-server); must succeed. */
export async function testbed(args: string[]): Promise<string> {
  const script = new URL('../../scripts/testbed', import.meta.url).pathname;
  const result = await execa(script, args, { reject: false, timeout: 180_000 });
  assert.equal(result.exitCode, 0, `scripts/testbed ${args.join(' ')} failed:\n${String(result.stderr)}`);
  return String(result.stdout);
}

/** kubectl that must succeed; returns stdout. */
export async function kubectlOk(args: string[], options: { input?: string } = {}): Promise<string> {
  const result = await kubectl(args, options);
  assert.equal(result.exitCode, 0, `kubectl ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

export async function apply(objects: unknown[]): Promise<void> {
  await kubectlOk(['apply', '-f', '-'], { input: objects.map((o) => stringify(o)).join('---\n') });
}

export async function getJson<T>(args: string[]): Promise<T> {
  return JSON.parse(await kubectlOk([...args, '-o', 'json'])) as T;
}

export async function freshNamespace(name: string): Promise<string> {
  await kubectl(['delete', 'namespace', name, '--wait=true', '--ignore-not-found', '--timeout=60s']);
  await kubectlOk(['create', 'namespace', name]);
  return name;
}

/**
 * Waits until no namespace another test file made (e2e-*) is left: they are deleted with --wait=false,
 * and a cluster-wide (-A) assertion must see the demo data alone.
 */
export async function withoutTestNamespaces(): Promise<void> {
  await waitFor(
    'the e2e-* namespaces of earlier test files to be deleted',
    async () => !(await kubectlOk(['get', 'namespaces', '-o', 'name'])).split('\n').some((n) => n.startsWith('namespace/e2e-')),
    180_000,
  );
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 120_000,
  intervalMs = 2_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** A Deployment whose pods kwok runs and reports `cpuUsage` for (kwok's usage annotation). */
export function fakeDeployment(
  namespace: string,
  name: string,
  options: {
    replicas?: number;
    cpuRequest?: string;
    cpuUsage?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  } = {},
) {
  const labels = { app: name, ...options.labels };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: options.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels, annotations: { 'kwok.x-k8s.io/usage-cpu': options.cpuUsage ?? '50m', ...options.annotations } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'registry.example/app:1',
              resources: { requests: { cpu: options.cpuRequest ?? '100m', memory: '64Mi' } },
            },
          ],
        },
      },
    },
  };
}

/** An autoscaling/v2 HPA on a Deployment's CPU utilization. */
export function cpuHpa(namespace: string, name: string, options: { min?: number; max?: number; cpu?: number; target?: string } = {}) {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: options.target ?? name },
      minReplicas: options.min ?? 1,
      maxReplicas: options.max ?? 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: options.cpu ?? 60 } } }],
    },
  };
}

/** A kubeconfig file (mode 0600) for a ServiceAccount of the test bed, with a short-lived token. */
export async function kubeconfigFor(serviceAccount: string, namespace: string): Promise<string> {
  const token = (await kubectlOk(['create', 'token', serviceAccount, '-n', namespace, '--duration', '10m'])).trim();
  const raw = JSON.parse(await kubectlOk(['config', 'view', '--raw', '--minify', '-o', 'json'])) as {
    clusters: { name: string; cluster: Record<string, string> }[];
  };
  const cluster = raw.clusters[0]!;
  const file = join(mkdtempSync(join(tmpdir(), 'scale-ha-rbac-')), 'kubeconfig');
  writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [cluster],
      users: [{ name: serviceAccount, user: { token } }],
      contexts: [{ name: serviceAccount, context: { cluster: cluster.name, user: serviceAccount, namespace } }],
      'current-context': serviceAccount,
    }),
    { mode: 0o600 },
  );
  return file;
}
