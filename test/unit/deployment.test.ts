import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { helmTemplate } from '../../deploy/tools/helm.ts';
import { loadConfig } from '../../server/config.ts';
import {
  admits,
  type K8sObject,
  type Pod,
  parseManifests,
  podTemplate,
  readManifests,
} from '../support/kubernetes.ts';

const root = new URL('../../', import.meta.url).pathname;
const CHART = join(root, 'deploy/helm/akosha');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

/** Each kind the deployment uses: its model (schema validation) and its TypeScript interface. */
const MODELS: Record<
  string,
  { model: { new (o: never): { validate(): void } }; type: string; from: string }
> = {
  'v1/Namespace': { model: Namespace, type: 'INamespace', from: 'kubernetes-models/v1/Namespace' },
  'v1/ConfigMap': { model: ConfigMap, type: 'IConfigMap', from: 'kubernetes-models/v1/ConfigMap' },
  'v1/Secret': { model: Secret, type: 'ISecret', from: 'kubernetes-models/v1/Secret' },
  'v1/Service': { model: Service, type: 'IService', from: 'kubernetes-models/v1/Service' },
  'apps/v1/Deployment': {
    model: Deployment,
    type: 'IDeployment',
    from: 'kubernetes-models/apps/v1/Deployment',
  },
  'apps/v1/StatefulSet': {
    model: StatefulSet,
    type: 'IStatefulSet',
    from: 'kubernetes-models/apps/v1/StatefulSet',
  },
  'batch/v1/CronJob': { model: CronJob, type: 'ICronJob', from: 'kubernetes-models/batch/v1/CronJob' },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    model: HorizontalPodAutoscaler,
    type: 'IHorizontalPodAutoscaler',
    from: 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
  },
  'policy/v1/PodDisruptionBudget': {
    model: PodDisruptionBudget,
    type: 'IPodDisruptionBudget',
    from: 'kubernetes-models/policy/v1/PodDisruptionBudget',
  },
  'networking.k8s.io/v1/Ingress': {
    model: Ingress,
    type: 'IIngress',
    from: 'kubernetes-models/networking.k8s.io/v1/Ingress',
  },
  'networking.k8s.io/v1/NetworkPolicy': {
    model: NetworkPolicy,
    type: 'INetworkPolicy',
    from: 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
  },
  'monitoring.coreos.com/v1/PodMonitor': {
    model: PodMonitor,
    type: 'IPodMonitor',
    from: '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor',
  },
  'monitoring.coreos.com/v1/PrometheusRule': {
    model: PrometheusRule,
    type: 'IPrometheusRule',
    from: '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule',
  },
};

const keyOf = (o: K8sObject) => `${o.apiVersion}/${o.kind}`;
const idOf = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;

/** Schema errors of each object (the Kubernetes OpenAPI schemas, offline), by object. */
function schemaErrors(objects: K8sObject[]): string[] {
  return objects.flatMap((o) => {
    const m = MODELS[keyOf(o)];
    if (!m) return [`${idOf(o)}: no schema for ${keyOf(o)}`];
    try {
      new m.model(o as never).validate();
      return [];
    } catch (err) {
      return [`${idOf(o)}: ${String(err)}`];
    }
  });
}

/**
 * Unknown fields (a misspelt `readinessProbes` passes the schemas, which allow extra keys): each
 * object as an object literal of its kind's TypeScript interface, through the compiler's
 * excess-property check.
 */
function unknownFieldErrors(objects: K8sObject[]): string {
  const dir = join(root, 'node_modules/.cache/akosha-tools/manifest-types');
  mkdirSync(dir, { recursive: true });
  const used = [...new Set(objects.map(keyOf))].map((k) => MODELS[k]).filter((m) => m !== undefined);
  const lines = [
    ...used.map((m) => `import type { ${m.type} } from '${m.from}';`),
    ...objects.map((o, i) => {
      const m = MODELS[keyOf(o)];
      const { file: _file, ...plain } = o as K8sObject & { file?: string };
      return `// ${idOf(o)}\nexport const o${i}: ${m?.type ?? 'never'} = ${JSON.stringify(plain, null, 1)};`;
    }),
  ];
  writeFileSync(join(dir, 'manifests.ts'), `${lines.join('\n')}\n`);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        skipLibCheck: true,
        types: [],
      },
      files: ['manifests.ts'],
    }),
  );
  try {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', dir], { encoding: 'utf8' });
    return '';
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? err);
  }
}

const manifests = readManifests(join(root, 'deploy/kubernetes'));
const applied = manifests.filter((o) => !o.file.includes('/examples/'));
const exampleSecrets = manifests.filter((o) => o.kind === 'Secret');
const workloads = applied.filter((o) => podTemplate(o) !== null);
const byId = (id: string) => {
  const o = applied.find((x) => idOf(x) === id);
  if (!o) throw new Error(`no ${id} in deploy/kubernetes`);
  return o;
};

describe('Kubernetes manifests (deploy/kubernetes, rendered from the chart)', () => {
  it('hold the guide’s objects, each valid against the Kubernetes schemas, with no unknown field', () => {
    expect(applied.map(idOf).sort()).toEqual(
      [
        'ConfigMap/akosha-config',
        'ConfigMap/akosha-dashboard-ingestion',
        'ConfigMap/akosha-dashboard-query',
        'ConfigMap/akosha-dashboard-storage',
        'CronJob/akosha-aging',
        'Deployment/akosha-ingestion',
        'Deployment/akosha-query',
        'HorizontalPodAutoscaler/akosha-ingestion-hpa',
        'HorizontalPodAutoscaler/akosha-query-hpa',
        'Ingress/akosha',
        'Namespace/akosha',
        'NetworkPolicy/akosha-api',
        'NetworkPolicy/akosha-default-deny',
        'NetworkPolicy/akosha-redis',
        'NetworkPolicy/akosha-store',
        'PodDisruptionBudget/akosha-ingestion',
        'PodDisruptionBudget/akosha-query',
        'PodDisruptionBudget/akosha-store',
        'PodMonitor/akosha',
        'PrometheusRule/akosha',
        'Service/akosha-api',
        'Service/akosha-ingestion',
        'Service/akosha-redis',
        'Service/akosha-store',
        'StatefulSet/akosha-redis',
        'StatefulSet/akosha-store',
      ].sort(),
    );
    expect(exampleSecrets.map(idOf).sort()).toEqual([
      'Secret/akosha-auth-config',
      'Secret/akosha-job-token',
      'Secret/akosha-push-tokens',
      'Secret/akosha-redis-config',
      'Secret/akosha-service-token',
      'Secret/akosha-storage-credentials',
    ]);
    expect(schemaErrors(manifests)).toEqual([]);
    expect(unknownFieldErrors(manifests)).toBe('');
  });

  it('the checks catch a wrong type and a misspelt field', () => {
    const deployment = structuredClone(byId('Deployment/akosha-query'));
    deployment.spec.template.spec.containers[0].ports[0].containerPort = '8000';
    expect(schemaErrors([deployment])[0]).toMatch(/containerPort must be integer/);
    const misspelt = structuredClone(byId('Deployment/akosha-query'));
    misspelt.spec.template.spec.containers[0].readinessProbes = {};
    expect(unknownFieldErrors([misspelt])).toMatch(/readinessProbes/);
  });

  it('every pod: non-root, read-only root, no escalation, capabilities dropped, RuntimeDefault seccomp, resources, a version tag', () => {
    expect(workloads.length).toBe(5);
    for (const w of workloads) {
      const spec = podTemplate(w)?.spec;
      const where = idOf(w);
      expect(spec.securityContext, where).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(spec.securityContext.runAsUser, where).toBeGreaterThan(0);
      expect(spec.automountServiceAccountToken, where).toBe(false);
      for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
        expect(c.securityContext, where).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        for (const r of ['cpu', 'memory']) {
          expect(c.resources?.requests?.[r], `${where} requests.${r}`).toBeDefined();
          expect(c.resources?.limits?.[r], `${where} limits.${r}`).toBeDefined();
        }
        const tag = /:([^:/]+)$/.exec(c.image)?.[1];
        expect(tag, `${where} image ${c.image}`).toMatch(/^\d+\.\d+\.\d+/);
        if (c.image.includes('/akosha/akosha:')) expect(tag).toBe(version);
      }
    }
  });

  it('every long-running pod has startup, liveness and readiness probes; servers probe /health and /ready', () => {
    for (const w of workloads.filter((o) => o.kind !== 'CronJob')) {
      for (const c of podTemplate(w)?.spec.containers ?? []) {
        expect(c.startupProbe, idOf(w)).toBeDefined();
        expect(c.livenessProbe, idOf(w)).toBeDefined();
        expect(c.readinessProbe, idOf(w)).toBeDefined();
        if (c.name === 'akosha') {
          expect(c.livenessProbe.httpGet.path).toBe('/health');
          expect(c.readinessProbe.httpGet.path).toBe('/ready');
        }
      }
    }
  });

  it('NetworkPolicies admit the ingress controller, Prometheus, the aging job, api → store and → Redis, and nothing else', () => {
    const policies = applied.filter((o) => o.kind === 'NetworkPolicy');
    const ours: Pod[] = workloads.map((w) => {
      const t = podTemplate(w);
      return {
        name: w.metadata.name,
        namespace: 'akosha',
        labels: t?.labels ?? {},
        // biome-ignore lint/suspicious/noExplicitAny: container ports
        ports: (t?.spec.containers ?? []).flatMap((c: any) =>
          (c.ports ?? []).map((p: { name?: string; containerPort: number }) => ({
            name: p.name,
            port: p.containerPort,
          })),
        ),
      };
    });
    const external = (name: string, namespace: string, labels: Record<string, string>): Pod => ({
      name,
      namespace,
      labels,
      ports: [],
    });
    const apiLabels = ours.find((p) => p.name === 'akosha-query')?.labels ?? {};
    const callers: Pod[] = [
      ...ours,
      external('ingress-nginx', 'ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' }),
      external('prometheus', 'monitoring', { 'app.kubernetes.io/name': 'prometheus' }),
      external('grafana', 'monitoring', { 'app.kubernetes.io/name': 'grafana' }),
      external('debug-pod', 'akosha', { run: 'debug' }),
      // Labelled like an api pod, but in another namespace: still a stranger.
      external('impostor', 'default', apiLabels),
    ];
    const allowed: string[] = [];
    for (const to of ours)
      for (const { port } of to.ports)
        for (const from of callers)
          if (from !== to && admits(policies, from, to, port))
            allowed.push(`${from.name} → ${to.name}:${port}`);
    expect(allowed.sort()).toEqual(
      [
        'ingress-nginx → akosha-ingestion:8000',
        'ingress-nginx → akosha-query:8000',
        'prometheus → akosha-ingestion:8000',
        'prometheus → akosha-query:8000',
        'prometheus → akosha-store:8000',
        'akosha-aging → akosha-ingestion:8000',
        'akosha-aging → akosha-query:8000',
        'akosha-ingestion → akosha-store:8000',
        'akosha-query → akosha-store:8000',
        'akosha-ingestion → akosha-redis:6379',
        'akosha-query → akosha-redis:6379',
        'akosha-store → akosha-redis:6379',
      ].sort(),
    );
  });

  it('the autoscalers follow the guide (replicas, CPU 70 %, memory 80 %, behaviour, the queue metric)', () => {
    const hpa = (name: string) => byId(`HorizontalPodAutoscaler/akosha-${name}-hpa`).spec;
    expect([hpa('ingestion').minReplicas, hpa('ingestion').maxReplicas]).toEqual([2, 20]);
    expect([hpa('query').minReplicas, hpa('query').maxReplicas]).toEqual([2, 10]);
    for (const name of ['ingestion', 'query']) {
      const h = hpa(name);
      expect(h.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: `akosha-${name}` });
      type Metric = { type: string; resource: { name: string; target: unknown } };
      const resources = Object.fromEntries(
        (h.metrics as Metric[])
          .filter((m) => m.type === 'Resource')
          .map((m) => [m.resource.name, m.resource.target]),
      );
      expect(resources).toEqual({
        cpu: { type: 'Utilization', averageUtilization: 70 },
        memory: { type: 'Utilization', averageUtilization: 80 },
      });
      expect(h.behavior).toEqual({
        scaleUp: {
          stabilizationWindowSeconds: 60,
          policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }],
        },
        scaleDown: {
          stabilizationWindowSeconds: 300,
          policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }],
        },
      });
    }
    // biome-ignore lint/suspicious/noExplicitAny: HPA metrics
    expect(hpa('ingestion').metrics.find((m: any) => m.type === 'Pods').pods).toEqual({
      metric: { name: 'akosha_ingestion_queue_size' },
      target: { type: 'AverageValue', averageValue: '500' },
    });
  });

  it('each pod’s environment (ConfigMap, Secrets as in the examples, its own settings) is a configuration the server accepts', () => {
    const configMap = byId('ConfigMap/akosha-config').data as Record<string, string>;
    const secretValue = (name: string, key: string) =>
      (
        exampleSecrets.find((s) => s.metadata.name === name)?.stringData as Record<string, string> | undefined
      )?.[key];
    const settings = new Set(
      [...readFileSync(join(root, 'server/settings.ts'), 'utf8').matchAll(/\b(AKOSHA_[A-Z0-9_]+):/g)].map(
        (m) => m[1],
      ),
    );
    const covered = new Set(Object.keys(configMap));
    const roles: string[] = [];
    for (const w of workloads.filter((o) =>
      podTemplate(o)?.spec.containers[0].image.includes('/akosha/akosha:'),
    )) {
      const c = podTemplate(w)?.spec.containers[0];
      const env: Record<string, string> = {};
      // biome-ignore lint/suspicious/noExplicitAny: envFrom entries
      if (c.envFrom?.some((e: any) => e.configMapRef?.name === 'akosha-config'))
        Object.assign(env, configMap);
      if (w.kind === 'StatefulSet') env.HOSTNAME = `${w.metadata.name}-0`;
      for (const e of c.env ?? []) {
        covered.add(e.name);
        const ref = e.valueFrom?.secretKeyRef;
        const value = ref ? secretValue(ref.name, ref.key) : e.value;
        if (value === undefined && !ref?.optional) throw new Error(`${idOf(w)}: ${e.name} has no value`);
        if (value !== undefined) env[e.name] = value;
      }
      const config = loadConfig(env);
      roles.push(`${w.metadata.name}=${config.role}`);
      if (config.role === 'api') expect(config.cluster.storeUrls).toHaveLength(2);
      if (config.role === 'store') expect(config.cluster).toMatchObject({ ordinal: 0, replicas: 2 });
      if (config.role === 'age') expect(c.args).toEqual(['age', '--move', 'ALL']);
    }
    expect(roles.sort()).toEqual([
      'akosha-aging=age',
      'akosha-ingestion=api',
      'akosha-query=api',
      'akosha-store=store',
    ]);
    // Settings that are not part of a deployment's pods, each for a reason.
    const notDeployed: Record<string, string> = {
      AKOSHA_ROLE: 'set per pod',
      AKOSHA_FAILPOINT: 'tests only',
      AKOSHA_MIGRATION_STEP_PAUSE_MS: 'tests only',
      AKOSHA_RECOVER: 'a one-off start after a lost part (deploy/RUNBOOK.md)',
      AKOSHA_JWKS_FILE: 'JWKS comes by URL in Kubernetes',
      AKOSHA_JWT_ISSUER: 'set when the identity provider names one',
      AKOSHA_JWT_AUDIENCE: 'set when the identity provider names one',
      AKOSHA_JWT_ALGORITHMS: 'the defaults follow the key source',
      AKOSHA_METRICS_TOKEN: 'NetworkPolicies admit only Prometheus',
      AKOSHA_PUSH_TOKEN: 'AKOSHA_PUSH_TOKENS is used (per-system tokens)',
      AKOSHA_PULL_BUCKET: 'ingestion pods, when ingestion.pullBucket is set',
      AKOSHA_STORE_ORDINAL: 'from the pod name',
      AKOSHA_EMBEDDING_URL:
        'set when a model server is deployed; nearText uses the built-in lexical embedder without it',
      AKOSHA_EMBEDDING_API_KEY: 'a hosted API key: a Secret beside the URL',
    };
    expect([...settings].filter((s) => s && !covered.has(s) && !(s in notDeployed))).toEqual([]);
  });

  it('the chart renders other values as asked, and refuses an incomplete Redis setting', () => {
    const objects = parseManifests(
      helmTemplate(CHART, {
        set: {
          'ingress.enabled': 'false',
          'redis.enabled': 'false',
          'redis.externalHost': 'redis.cache.local',
          'store.replicas': '3',
          'ingestion.autoscaling.queueMetric': 'false',
          'ingestion.pullBucket': 'akosha-drops',
          'image.tag': '0.2.0',
        },
      }),
    );
    expect(schemaErrors(objects)).toEqual([]);
    expect(objects.filter((o) => o.kind === 'Ingress' || o.metadata.name === 'akosha-redis')).toEqual([]);
    const ingestion = objects.find((o) => idOf(o) === 'Deployment/akosha-ingestion') as K8sObject;
    const env = podTemplate(ingestion)?.spec.containers[0].env as { name: string; value?: string }[];
    const value = (n: string) => env.find((e) => e.name === n)?.value;
    expect(value('AKOSHA_STORE_URLS')?.split(',')).toHaveLength(3);
    expect(value('AKOSHA_REDIS_HOST')).toBe('redis.cache.local');
    expect(value('AKOSHA_PULL_BUCKET')).toBe('akosha-drops');
    expect(podTemplate(ingestion)?.spec.containers[0].image).toBe('ghcr.io/akosha/akosha:0.2.0');
    const hpa = objects.find((o) => idOf(o) === 'HorizontalPodAutoscaler/akosha-ingestion-hpa') as K8sObject;
    expect(hpa.spec.metrics).toHaveLength(2);
    expect(() => helmTemplate(CHART, { set: { 'redis.enabled': 'false' } })).toThrow(
      /redis.externalHost is needed/,
    );
  });
});
