import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tool } from '../../deploy/tools/helm.ts';
import { createMetrics } from '../../monitoring/metrics.ts';
import { type K8sObject, parseManifests, podTemplate, readManifests } from '../support/kubernetes.ts';

// deploy/RUNBOOK.md's commands against this deployment: every object, label selector, metric,
// ConfigMap key and file they name exists; the Secrets it creates (run with kubectl
// --dry-run=client, offline) hold every key the pods read.

const root = new URL('../../', import.meta.url).pathname;
const runbook = readFileSync(join(root, 'deploy/RUNBOOK.md'), 'utf8');
const objects = readManifests(join(root, 'deploy/kubernetes')).filter((o) => !o.file.includes('/examples/'));

/** The shell commands of the fenced bash blocks, continuation lines joined. */
const commands = [...runbook.matchAll(/```bash\n([\s\S]*?)```/g)]
  .flatMap((m) => (m[1] ?? '').replace(/\\\n\s*/g, '').split('\n'))
  .map((l) => l.replace(/\s+#.*$/, '').trim())
  .filter((l) => l && !l.startsWith('#'))
  .flatMap((l) => l.split(/\s*&&\s*/));

const KINDS: Record<string, string> = {
  deployment: 'Deployment',
  statefulset: 'StatefulSet',
  cronjob: 'CronJob',
  svc: 'Service',
  hpa: 'HorizontalPodAutoscaler',
  configmap: 'ConfigMap',
};
const named = (kind: string, name: string) =>
  objects.some((o) => o.kind === kind && o.metadata.name === name);
/** Pod names: a Deployment's are random, a StatefulSet's are name-0 … name-(replicas-1). */
const podNames = objects
  .filter((o) => o.kind === 'StatefulSet')
  .flatMap((o) => Array.from({ length: o.spec.replicas as number }, (_, i) => `${o.metadata.name}-${i}`));
/** Labels of every pod template, Job template and PVC (a StatefulSet's claims carry its selector). */
const labelSets: Record<string, string>[] = objects.flatMap((o) => [
  ...(podTemplate(o) ? [podTemplate(o)?.labels ?? {}] : []),
  ...(o.kind === 'CronJob' ? [o.spec.jobTemplate.metadata?.labels ?? {}] : []),
  ...(o.kind === 'StatefulSet' ? [o.spec.selector.matchLabels as Record<string, string>] : []),
]);

describe('deploy/RUNBOOK.md', () => {
  it('has commands for each of the guide’s procedures', () => {
    for (const heading of [
      '### High ingestion backlog',
      '### High query latency',
      '### Hot store too large',
      '### Pod CrashLoopBackOff',
      '## Scaling',
      '## Backup and restore',
      '## Rollback',
      '## Emergency stop',
    ])
      expect(runbook).toContain(`\n${heading}`);
    expect(commands.length).toBeGreaterThan(40);
  });

  it('names only objects, pods, labels, ConfigMap keys and files that exist', () => {
    const missing: string[] = [];
    for (const c of commands) {
      if (!/^(kubectl|helm|curl)\b/.test(c)) continue;
      for (const [, kind = '', name = ''] of c.matchAll(
        /\b(deployment|statefulset|cronjob|svc|hpa)\/([a-z0-9-]+)/g,
      ))
        if (!named(KINDS[kind] ?? '', name)) missing.push(`${kind}/${name}: ${c}`);
      for (const [, kind = '', name = ''] of c.matchAll(
        /kubectl (?:get|patch|edit) (hpa|configmap|cronjob) ([a-z0-9-]+)/g,
      ))
        if (!named(KINDS[kind] ?? '', name)) missing.push(`${kind} ${name}: ${c}`);
      for (const [, name = ''] of c.matchAll(/(?:pod\/|kubectl (?:logs|describe pod) )([a-z][a-z0-9-]+)/g))
        if (!podNames.includes(name)) missing.push(`pod ${name}: ${c}`);
      for (const [, key = '', value = ''] of c.matchAll(/-l ([a-z0-9./-]+)=([a-z0-9-]+)/g))
        if (!labelSets.some((l) => l[key] === value)) missing.push(`label ${key}=${value}: ${c}`);
      for (const [, path = ''] of c.matchAll(/\b(deploy\/[\w./-]+)/g))
        if (!existsSync(join(root, path))) missing.push(`file ${path}: ${c}`);
    }
    const configMap = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'akosha-config');
    for (const [, key = ''] of runbook.matchAll(/\b(AKOSHA_[A-Z_]+)\b/g))
      if (
        !(key in (configMap?.data ?? {})) &&
        !/AKOSHA_(RECOVER|JWT_SECRET|SERVICE_TOKEN)$/.test(key) // a secret or a one-off, not in the ConfigMap
      )
        missing.push(`ConfigMap key ${key}`);
    expect(missing).toEqual([]);
  });

  it('names only metrics the server exports', () => {
    const exported = new Set(
      createMetrics({ defaultMetrics: false })
        .registry.getMetricsAsArray()
        .map((m) => m.name),
    );
    const named = new Set([...runbook.matchAll(/\bakosha_[a-z0-9_]+/g)].map((m) => m[0]));
    expect(named.size).toBeGreaterThan(5);
    expect([...named].filter((n) => !exported.has(n))).toEqual([]);
  });

  it('creates Secrets holding every key the pods read', () => {
    const created: K8sObject[] = commands
      .filter((c) => c.startsWith('kubectl create secret'))
      .map(
        (c) =>
          parseManifests(
            execFileSync(
              'bash',
              ['-c', `${c.replace(/^kubectl/, tool('kubectl'))} --dry-run=client -o json`],
              {
                encoding: 'utf8',
                env: { ...process.env, KUBECONFIG: '/nonexistent' },
              },
            ),
          )[0] as K8sObject,
      );
    expect(created.map((s) => s.metadata.name).sort()).toEqual([
      'akosha-auth-config',
      'akosha-job-token',
      'akosha-push-tokens',
      'akosha-redis-config',
      'akosha-service-token',
      'akosha-storage-credentials',
    ]);
    const missing: string[] = [];
    for (const o of objects) {
      for (const c of podTemplate(o)?.spec.containers ?? [])
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef;
          if (!ref || ref.optional) continue;
          const secret = created.find((s) => s.metadata.name === ref.name);
          if (!secret?.data?.[ref.key]) missing.push(`${o.metadata.name}: ${ref.name}/${ref.key}`);
        }
    }
    expect(missing).toEqual([]);
  });
});
