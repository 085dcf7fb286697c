import { AliasSetsResolver } from './alias-sets/alias-sets.resolver';
import { RevisionsResolver } from './alias-sets/revisions.resolver';
import { AuditResolver } from './audit/audit.resolver';
import { ClustersResolver } from './clusters/clusters.resolver';
import { TeamsResolver } from './teams/teams.resolver';

/** Every resolver class: the schema script builds the committed SDL from this list. */
export const GRAPHQL_RESOLVERS = [
  TeamsResolver,
  ClustersResolver,
  AliasSetsResolver,
  RevisionsResolver,
  AuditResolver,
];
