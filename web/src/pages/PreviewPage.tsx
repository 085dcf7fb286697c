import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'wouter';

import { execute } from '../api/client';
import { clustersQuery, previewQuery } from '../api/operations';
import { CopyButton } from '../components/CopyButton';
import { ErrorMessage } from '../components/ErrorMessage';
import type { PreviewQueryVariables } from '../gql/graphql';
import { PodForm, type PodDraft } from '../preview/PodForm';
import { words } from '../sets/draft';

/** The hosts file and the patch a described pod would get, as the API renders them. */
export function PreviewPage() {
  const { team = '', name = '' } = useParams<{ team: string; name: string }>();
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: () => execute(clustersQuery) });
  const [variables, setVariables] = useState<PreviewQueryVariables | null>(null);
  const preview = useQuery({
    queryKey: ['preview', variables],
    queryFn: () => execute(previewQuery, variables as PreviewQueryVariables),
    enabled: variables !== null,
  });
  const submit = (pod: PodDraft) =>
    setVariables({
      sets: words(pod.sets),
      cluster: pod.cluster || undefined,
      pod: {
        podName: pod.podName.trim() || undefined,
        podIPs: words(pod.podIPs),
        namespace: pod.namespace.trim() || undefined,
        hostname: pod.hostname.trim() || undefined,
        subdomain: pod.subdomain.trim() || undefined,
      },
      kind: pod.kind,
      type: pod.type,
      format: pod.format,
    });
  return (
    <>
      <h1>
        Preview <Link href={`/sets/${team}/${name}`}>{`${team}/${name}`}</Link> for a pod
      </h1>
      <PodForm
        initialSets={`${team}/${name}`}
        clusters={clusters.data?.clusters.map((cluster) => cluster.name) ?? []}
        onSubmit={submit}
      />
      <ErrorMessage error={preview.error} />
      {preview.data && (
        <div className="previews">
          <section aria-labelledby="hosts-title">
            <h2 id="hosts-title">/etc/hosts</h2>
            <CopyButton text={preview.data.renderHosts} label="Copy hosts file" />
            <pre data-testid="hosts-file" tabIndex={0}>
              {preview.data.renderHosts}
            </pre>
          </section>
          <section aria-labelledby="patch-title">
            <h2 id="patch-title">Patch for kubectl patch --patch-file</h2>
            <CopyButton text={preview.data.renderPatch} label="Copy patch" />
            <pre data-testid="patch" tabIndex={0}>
              {preview.data.renderPatch}
            </pre>
          </section>
        </div>
      )}
    </>
  );
}
