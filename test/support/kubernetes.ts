import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

// Reading Kubernetes manifests and answering what a NetworkPolicy admits, for the deployment tests.

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are inspected field by field
  [k: string]: any;
};

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJSON() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null && typeof o === 'object');
}

/** Every object of every .yaml file under a folder (recursively), with the file it came from. */
export function readManifests(dir: string): (K8sObject & { file: string })[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.yaml'))
    .flatMap((d) => {
      const file = join(d.parentPath, d.name);
      return parseManifests(readFileSync(file, 'utf8')).map((o) => ({ ...o, file }));
    });
}

// biome-ignore lint/suspicious/noExplicitAny: a pod spec, inspected field by field
export type PodSpec = any;

/** The pod template of a workload (Deployment, StatefulSet, CronJob), or null. */
export function podTemplate(o: K8sObject): { labels: Record<string, string>; spec: PodSpec } | null {
  const t =
    o.kind === 'CronJob'
      ? o.spec?.jobTemplate?.spec?.template
      : o.kind === 'Deployment' || o.kind === 'StatefulSet'
        ? o.spec?.template
        : null;
  return t ? { labels: t.metadata?.labels ?? {}, spec: t.spec } : null;
}

type Selector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};

export function matches(selector: Selector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    const value = labels[e.key] ?? '';
    const ok =
      e.operator === 'In'
        ? has && (e.values ?? []).includes(value)
        : e.operator === 'NotIn'
          ? !has || !(e.values ?? []).includes(value)
          : e.operator === 'Exists'
            ? has
            : e.operator === 'DoesNotExist'
              ? !has
              : false;
    if (!ok) return false;
  }
  return true;
}

export type Pod = {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  ports: { name?: string; port: number }[];
};

/**
 * Whether `from` may open a TCP connection to `to` on `port` under the NetworkPolicies, as
 * Kubernetes decides it (ingress side): a pod no Ingress policy selects admits everything; a
 * selected pod admits what some selecting policy's rule admits. Namespaces carry only the label
 * Kubernetes sets on every namespace, kubernetes.io/metadata.name.
 */
export function admits(policies: K8sObject[], from: Pod, to: Pod, port: number): boolean {
  const selecting = policies.filter(
    (p) =>
      p.metadata.namespace === to.namespace &&
      (p.spec.policyTypes ?? ['Ingress']).includes('Ingress') &&
      matches(p.spec.podSelector, to.labels),
  );
  if (selecting.length === 0) return true;
  const namespaceLabels = { 'kubernetes.io/metadata.name': from.namespace };
  // biome-ignore lint/suspicious/noExplicitAny: NetworkPolicy peers and ports
  const peerMatches = (policy: K8sObject, peer: any) => {
    if (peer.ipBlock) throw new Error(`${policy.metadata.name}: ipBlock peers are not modelled`);
    const nsOk = peer.namespaceSelector
      ? matches(peer.namespaceSelector, namespaceLabels)
      : from.namespace === policy.metadata.namespace;
    return nsOk && matches(peer.podSelector, from.labels);
  };
  // biome-ignore lint/suspicious/noExplicitAny: NetworkPolicy ports
  const portMatches = (p: any) =>
    typeof p.port === 'number' ? p.port === port : to.ports.some((c) => c.name === p.port && c.port === port);
  return selecting.some((policy) =>
    // biome-ignore lint/suspicious/noExplicitAny: NetworkPolicy rules
    (policy.spec.ingress ?? []).some((rule: any) => {
      const fromOk = !rule.from || rule.from.some((peer: unknown) => peerMatches(policy, peer));
      const portOk = !rule.ports || rule.ports.some(portMatches);
      return fromOk && portOk;
    }),
  );
}
