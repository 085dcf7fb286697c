import { graphql } from '../gql';

// Every operation the portal sends. GraphQL Code Generator types each one from schema.graphql.

export const meQuery = graphql(`
  query Me {
    me {
      kind
      team
      role
      tokenName
    }
  }
`);

export const teamsQuery = graphql(`
  query Teams {
    teams {
      slug
      name
    }
  }
`);

export const clustersQuery = graphql(`
  query Clusters {
    clusters {
      name
      description
    }
  }
`);

export const aliasSetsQuery = graphql(`
  query AliasSets($first: Int, $after: String, $search: String, $team: String) {
    aliasSets(first: $first, after: $after, search: $search, team: $team) {
      edges {
        node {
          team
          name
          description
          shared
          version
          updatedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const aliasSetQuery = graphql(`
  query AliasSet($team: String!, $name: String!) {
    aliasSet(team: $team, name: $name) {
      team
      name
      description
      shared
      version
      createdAt
      updatedAt
      includes
      entries {
        ip
        hostnames
        clusters
        expiresAt
      }
      dependents {
        hidden
        items {
          set
          path
        }
      }
    }
  }
`);

export const createAliasSetMutation = graphql(`
  mutation CreateAliasSet($input: CreateAliasSetInput!) {
    createAliasSet(input: $input) {
      team
      name
      version
    }
  }
`);

export const updateAliasSetMutation = graphql(`
  mutation UpdateAliasSet($input: UpdateAliasSetInput!) {
    updateAliasSet(input: $input) {
      team
      name
      version
    }
  }
`);

export const previewQuery = graphql(`
  query Preview(
    $sets: [String!]!
    $cluster: String
    $pod: PodInput!
    $kind: WorkloadKind!
    $type: PatchType!
    $format: PatchFormat!
  ) {
    renderHosts(sets: $sets, cluster: $cluster, pod: $pod)
    renderPatch(sets: $sets, cluster: $cluster, kind: $kind, type: $type, format: $format)
  }
`);

export const auditEventsQuery = graphql(`
  query AuditEvents(
    $set: String
    $team: String
    $action: String
    $actor: String
    $since: DateTime
    $until: DateTime
    $cursor: String
  ) {
    auditEvents(
      set: $set
      team: $team
      action: $action
      actor: $actor
      since: $since
      until: $until
      cursor: $cursor
      limit: 25
    ) {
      items {
        id
        at
        action
        version
        via
        requestId
        actor {
          type
          name
          team
        }
        target {
          type
          ref
        }
      }
      nextCursor
    }
  }
`);

export const revisionsQuery = graphql(`
  query Revisions($team: String!, $name: String!, $after: String) {
    aliasSet(team: $team, name: $name) {
      version
    }
    revisions(team: $team, name: $name, after: $after, first: 50) {
      items {
        version
        actor
        createdAt
      }
      nextCursor
    }
  }
`);

export const diffQuery = graphql(`
  query Diff($team: String!, $name: String!, $from: Int!, $to: Int!) {
    aliasSetDiff(team: $team, name: $name, from: $from, to: $to) {
      from
      to
      added {
        hostname
        ip
        clusters
      }
      removed {
        hostname
        ip
        clusters
      }
      changed {
        hostname
        from
        to
        clusters
      }
      metadata {
        field
        from
        to
      }
    }
  }
`);

export const rollbackMutation = graphql(`
  mutation Rollback($team: String!, $name: String!, $version: Int!, $expectedVersion: Int!) {
    rollbackAliasSet(
      team: $team
      name: $name
      version: $version
      expectedVersion: $expectedVersion
    ) {
      version
    }
  }
`);

export const tokensQuery = graphql(`
  query Tokens($team: String!) {
    tokens(team: $team) {
      id
      name
      role
      createdAt
      lastUsedAt
      expiresAt
      revokedAt
    }
  }
`);

export const createTokenMutation = graphql(`
  mutation CreateToken($input: CreateTokenInput!) {
    createToken(input: $input) {
      id
      name
      role
      token
    }
  }
`);

export const revokeTokenMutation = graphql(`
  mutation RevokeToken($team: String!, $id: String!) {
    revokeToken(team: $team, id: $id) {
      id
      revokedAt
    }
  }
`);

export const updateAliasSetDryRunMutation = graphql(`
  mutation UpdateAliasSetDryRun($input: UpdateAliasSetInput!) {
    updateAliasSet(input: $input, dryRun: true) {
      impact {
        hidden
        sets {
          set
          path
          clusters {
            cluster
            added {
              hostname
              ip
            }
            removed {
              hostname
              ip
            }
            changed {
              hostname
              from
              to
            }
            conflicts {
              hostname
            }
          }
        }
      }
    }
  }
`);
