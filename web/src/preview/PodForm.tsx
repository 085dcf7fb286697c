import { useState, type FormEvent } from 'react';

import type { PatchFormat, PatchType, WorkloadKind } from '../gql/graphql';

export interface PodDraft {
  sets: string;
  cluster: string;
  podName: string;
  podIPs: string;
  namespace: string;
  hostname: string;
  subdomain: string;
  kind: WorkloadKind;
  type: PatchType;
  format: PatchFormat;
}

const KINDS: WorkloadKind[] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Pod',
  'PodTemplate',
  'ReplicationController',
];
const TYPES: PatchType[] = ['strategic', 'merge', 'json'];
const FORMATS: PatchFormat[] = ['json', 'yaml'];

interface Props {
  initialSets: string;
  clusters: string[];
  onSubmit: (pod: PodDraft) => void;
}

export function PodForm({ initialSets, clusters, onSubmit }: Props) {
  const [pod, setPod] = useState<PodDraft>({
    sets: initialSets,
    cluster: '',
    podName: '',
    podIPs: '',
    namespace: '',
    hostname: '',
    subdomain: '',
    kind: 'Deployment',
    type: 'strategic',
    format: 'json',
  });
  const text = (key: keyof PodDraft, label: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`pod-${key}`}>{label}</label>
      {hint && <span className="hint">{hint}</span>}
      <input
        id={`pod-${key}`}
        type="text"
        spellCheck={false}
        value={pod[key]}
        onChange={(event) => setPod({ ...pod, [key]: event.target.value })}
      />
    </div>
  );
  const choice = <T extends string>(key: keyof PodDraft, label: string, options: T[]) => (
    <div className="field">
      <label htmlFor={`pod-${key}`}>{label}</label>
      <select
        id={`pod-${key}`}
        value={pod[key]}
        onChange={(event) => setPod({ ...pod, [key]: event.target.value })}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {option === '' ? 'none (unscoped entries only)' : option}
          </option>
        ))}
      </select>
    </div>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(pod);
  };
  return (
    <form onSubmit={submit} className="card">
      {text('sets', 'Sets', 'team/name, in priority order')}
      <div className="row">
        {choice('cluster', 'Cluster', ['', ...clusters])}
        {text('podName', 'Pod name')}
        {text('podIPs', 'Pod IPs', 'separated by spaces')}
      </div>
      <div className="row">
        {text('namespace', 'Namespace', 'default: default')}
        {text('hostname', 'Hostname (spec.hostname)')}
        {text('subdomain', 'Subdomain (spec.subdomain)')}
      </div>
      <div className="row">
        {choice('kind', 'Workload kind', KINDS)}
        {choice('type', 'Patch type', TYPES)}
        {choice('format', 'Format', FORMATS)}
      </div>
      <button type="submit">Preview</button>
    </form>
  );
}
