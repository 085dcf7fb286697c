import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  Scalar,
  type ToStringOptions,
  visit,
  YAMLSeq,
} from 'yaml';

import { APPLIED_ANNOTATION } from '../domain/delivery-annotations';
import { DomainError } from '../domain/errors';
import type { FieldError, HostAlias } from '../domain/host-alias';
import { isPlainObject, type WorkloadLocation } from '../domain/workload';

export type ManifestFormat = 'yaml' | 'json';

/** Limits of SPEC 8.1 bad input: the whole text and the number of documents. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
export const MAX_MANIFEST_DOCUMENTS = 500;

/** One Kubernetes object of the file: a document, or an item of a `v1` `List`. */
export interface ManifestObject {
  /** Where it is, for error messages and reports: `documents[2]`, `documents[0].items[1]`. */
  field: string;
  value: Record<string, unknown>;
  /** Index of its document, and its path inside it (`['items', '1']` for a List item). */
  document: number;
  prefix: string[];
}

/** What delivery writes into one workload. */
export interface WorkloadEdit {
  location: WorkloadLocation;
  hostAliases: HostAlias[];
  /** Indexes of the current entries kept (their YAML nodes, comments included, are reused). */
  kept: number[];
  annotation: string;
}

export interface ManifestFile {
  format: ManifestFormat;
  objects: ManifestObject[];
  /** The file with the edits; a document without edits keeps its exact bytes. */
  render(edits: Map<ManifestObject, WorkloadEdit>): string;
}

/** Reads YAML (one or many documents) or JSON (an object or a `v1` `List`). */
export function parseManifests(body: unknown): ManifestFile {
  if (isPlainObject(body)) return jsonManifests(body);
  if (typeof body !== 'string') {
    throw DomainError.invalid([{ field: 'documents', message: 'must be YAML or a JSON object' }]);
  }
  if (Buffer.byteLength(body) > MAX_MANIFEST_BYTES) {
    throw DomainError.invalid([{ field: 'documents', message: 'must be at most 1 MiB' }]);
  }
  const json = /^\s*\{/.test(body) ? tryJson(body) : undefined;
  return isPlainObject(json) ? jsonManifests(json) : yamlManifests(body);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Checks a document is a Kubernetes object, and expands a `v1` `List` into its items. */
function objectsOf(value: unknown, document: number, errors: FieldError[]): ManifestObject[] {
  const field = `documents[${document}]`;
  if (!isKubernetesObject(value)) {
    errors.push({ field, message: 'must be a Kubernetes object with apiVersion and kind' });
    return [];
  }
  if (value.kind !== 'List' || value.apiVersion !== 'v1') {
    return [{ field, value, document, prefix: [] }];
  }
  if (!Array.isArray(value.items)) {
    errors.push({ field: `${field}.items`, message: 'a v1 List must have a list of items' });
    return [];
  }
  return value.items.flatMap((item: unknown, i) => {
    const itemField = `${field}.items[${i}]`;
    if (isKubernetesObject(item)) {
      return [{ field: itemField, value: item, document, prefix: ['items', String(i)] }];
    }
    errors.push({
      field: itemField,
      message: 'must be a Kubernetes object with apiVersion and kind',
    });
    return [];
  });
}

function isKubernetesObject(value: unknown): value is Record<string, unknown> {
  return (
    isPlainObject(value) &&
    typeof value.apiVersion === 'string' &&
    value.apiVersion !== '' &&
    typeof value.kind === 'string' &&
    value.kind !== ''
  );
}

function jsonManifests(value: Record<string, unknown>): ManifestFile {
  const errors: FieldError[] = [];
  const objects = objectsOf(value, 0, errors);
  if (errors.length > 0) throw DomainError.invalid(errors, 'invalid manifests');
  return {
    format: 'json',
    objects,
    render(edits) {
      for (const [object, edit] of edits) editJson(object.value, edit);
      return `${JSON.stringify(value, null, 2)}\n`;
    },
  };
}

function editJson(object: Record<string, unknown>, edit: WorkloadEdit): void {
  const podSpec = ensureObject(object, edit.location.podSpecPath);
  if (edit.hostAliases.length > 0) podSpec.hostAliases = edit.hostAliases;
  else delete podSpec.hostAliases;
  const annotations = ensureObject(object, [...edit.location.metadataPath, 'annotations']);
  annotations[APPLIED_ANNOTATION] = edit.annotation;
}

function ensureObject(root: Record<string, unknown>, path: string[]): Record<string, unknown> {
  let node = root;
  for (const key of path) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  return node;
}

function yamlManifests(text: string): ManifestFile {
  const documents = parseAllDocuments(text, { merge: true });
  if (!Array.isArray(documents)) {
    return { format: 'yaml', objects: [], render: () => text };
  }
  if (documents.length > MAX_MANIFEST_DOCUMENTS) {
    throw DomainError.invalid([
      { field: 'documents', message: `must be at most ${MAX_MANIFEST_DOCUMENTS} documents` },
    ]);
  }
  const errors: FieldError[] = [];
  const objects: ManifestObject[] = [];
  documents.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      errors.push({ field: `documents[${i}]`, message: `not YAML: ${doc.errors[0].message}` });
      return;
    }
    if (doc.contents === null) return;
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (error) {
      errors.push({ field: `documents[${i}]`, message: (error as Error).message });
      return;
    }
    objects.push(...objectsOf(value, i, errors));
  });
  if (errors.length > 0) throw DomainError.invalid(errors, 'invalid manifests');
  return {
    format: 'yaml',
    objects,
    render(edits) {
      const byDocument = new Map<number, [ManifestObject, WorkloadEdit][]>();
      for (const entry of edits) {
        const list = byDocument.get(entry[0].document) ?? [];
        list.push(entry);
        byDocument.set(entry[0].document, list);
      }
      let out = '';
      let start = 0;
      documents.forEach((doc, i) => {
        const end = doc.range[2];
        const original = text.slice(start, end);
        const docEdits = byDocument.get(i);
        if (docEdits) {
          const options = formattingOf(original);
          for (const [object, edit] of docEdits) editYaml(doc, object, edit);
          out += doc.toString(options);
        } else {
          out += original;
        }
        start = end;
      });
      return out + text.slice(start);
    },
  };
}

/**
 * The library reprints an edited document in its own style; take the two choices it offers that
 * manifests differ in from how the document was written, so an edit changes little besides what
 * it edits: sequences indented under their key or not (`containers:\n- name`), and spaces inside
 * flow collections (`{app: web}`). Long strings are never folded.
 */
function formattingOf(original: string): ToStringOptions {
  const flat = /^( *)[^\s#-][^\n]*:\n\1- /m.test(original);
  const nested = /^( *)[^\s#-][^\n]*:\n\1 +- /m.test(original);
  const padded = /[{[] [^\n]*[\]}]/.test(original);
  const tight = /[{[][^\s\]}][^\n]*[^\s[{][\]}]/.test(original);
  return {
    indentSeq: nested || !flat,
    flowCollectionPadding: padded || !tight,
    lineWidth: 0,
  };
}

function editYaml(doc: Document, object: ManifestObject, edit: WorkloadEdit): void {
  const specPath = [...object.prefix, ...edit.location.podSpecPath];
  const aliasesPath = [...specPath, 'hostAliases'];
  const metadataPath = [...object.prefix, ...edit.location.metadataPath];
  for (const [path, mayBeMissing] of [
    [specPath, false],
    [[...metadataPath, 'annotations'], true],
  ] as const) {
    const blocked = blockedAt(doc, path, mayBeMissing);
    if (blocked) {
      throw DomainError.invalid([
        {
          field: [object.field, ...path.slice(object.prefix.length)].join('.'),
          message: `${blocked}: write the pod template out in full so the registry can edit it`,
        },
      ]);
    }
  }
  const current = doc.getIn(aliasesPath, true);
  if (edit.hostAliases.length === 0) {
    if (current !== undefined) doc.deleteIn(aliasesPath);
  } else {
    const seq = new YAMLSeq();
    const desiredCount = edit.hostAliases.length - edit.kept.length;
    for (const alias of edit.hostAliases.slice(0, desiredCount))
      seq.items.push(aliasNode(doc, alias));
    edit.kept.forEach((index, k) => {
      const kept = isSeq(current) ? current.items[index] : undefined;
      seq.items.push(kept ?? aliasNode(doc, edit.hostAliases[desiredCount + k]));
    });
    doc.setIn(aliasesPath, seq);
  }
  const annotation = new Scalar(edit.annotation);
  annotation.type = 'QUOTE_SINGLE';
  doc.setIn([...metadataPath, 'annotations', APPLIED_ANNOTATION], annotation);
}

/**
 * Every string double-quoted: kubectl reads YAML 1.1, where a plain `yes` or `on` (valid
 * hostnames) would become a boolean.
 */
function aliasNode(doc: Document, alias: HostAlias): unknown {
  const node = doc.createNode({ ip: alias.ip, hostnames: [...alias.hostnames] });
  visit(node, {
    Scalar(key, scalar) {
      if (key !== 'key' && typeof scalar.value === 'string') scalar.type = 'QUOTE_DOUBLE';
    },
  });
  return node;
}

/**
 * Why the registry cannot edit at `path`, if it cannot: a YAML alias or a merge key (`<<`) on the
 * way would make the edit change other objects too, or not show at all.
 */
function blockedAt(
  doc: Document,
  path: readonly string[],
  mayBeMissing: boolean,
): string | undefined {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isAlias(node)) return `it is a YAML alias (*${node.source})`;
    if (!isMap(node)) return mayBeMissing ? undefined : 'it is not a map';
    const pair = node.items.find(
      (item) => (isScalar(item.key) ? item.key.value : item.key) === key,
    );
    if (!pair) {
      const merged = node.items.some((item) => isScalar(item.key) && item.key.value === '<<');
      if (merged) return 'it comes from a YAML merge key (<<)';
      return mayBeMissing ? undefined : 'it is missing';
    }
    node = pair.value;
  }
  return isAlias(node) ? `it is a YAML alias (*${node.source})` : undefined;
}
