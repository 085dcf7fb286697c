/**
 * Renders every Kustomization under deploy/ with `kubectl kustomize` and validates each object:
 * Kubernetes' own kinds against their OpenAPI schemas (the `kubernetes-models` validators), the
 * prometheus-operator ServiceMonitor against its CRD schema; CloudNativePG's Cluster and Pooler
 * have no published schema package, so they are checked for the fields this project relies on.
 *   node scripts/validate-deploy.mjs (ES module: the model packages are ESM-only)
 */
/* global console, process */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseAllDocuments } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGETS = ['deploy/base', 'deploy/overlays/cloudnative-pg'];

/** The model module for an apiVersion and kind, e.g. kubernetes-models/apps/v1/Deployment. */
async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const modules =
    group === 'monitoring.coreos.com'
      ? [`@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`]
      : [`kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`];
  for (const name of modules) {
    try {
      const module = await import(name);
      return module[kind];
    } catch {
      // no model for this kind in that package
    }
  }
  return undefined;
}

/** What the project relies on in CloudNativePG's kinds (no schema package is published). */
const CNPG_REQUIRED = {
  Cluster: ['instances', 'storage', 'bootstrap'],
  Pooler: ['cluster', 'type', 'pgbouncer'],
};

function checkCnpg(object) {
  const required = CNPG_REQUIRED[object.kind ?? ''];
  if (!required) return [`no schema and no check for ${object.apiVersion} ${object.kind}`];
  return required
    .filter((field) => object.spec?.[field] === undefined)
    .map((field) => `spec.${field} is required`);
}

async function validateTarget(target) {
  const rendered = execFileSync('kubectl', ['kustomize', join(ROOT, target)], { encoding: 'utf8' });
  const problems = [];
  const objects = parseAllDocuments(rendered).map((doc) => doc.toJS());
  for (const object of objects) {
    const name = `${target}: ${object.kind}/${object.metadata?.name}`;
    if (!object.apiVersion || !object.kind || !object.metadata?.name) {
      problems.push(`${name}: apiVersion, kind and metadata.name are required`);
      continue;
    }
    if (object.apiVersion.startsWith('postgresql.cnpg.io/')) {
      problems.push(...checkCnpg(object).map((problem) => `${name}: ${problem}`));
      console.log(`checked   ${name} (required fields; no schema published)`);
      continue;
    }
    const Model = await modelFor(object.apiVersion, object.kind);
    if (!Model) {
      problems.push(`${name}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
      console.log(`validated ${name}`);
    } catch (error) {
      problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}

async function main() {
  const problems = [];
  for (const target of TARGETS) problems.push(...(await validateTarget(target)));
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
}

await main();
