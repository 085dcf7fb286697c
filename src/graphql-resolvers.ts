import { AdmissionResolver } from './admission/admission.resolver';
import { AliasSetDependentsResolver } from './alias-sets/alias-set-dependents.resolver';
import { AliasSetsResolver } from './alias-sets/alias-sets.resolver';
import { RevisionsResolver } from './alias-sets/revisions.resolver';
import { AuditResolver } from './audit/audit.resolver';
import { ClustersResolver } from './clusters/clusters.resolver';
import { ManifestsResolver } from './delivery/manifests.resolver';
import { WebhooksResolver } from './notifications/webhooks.resolver';
import { AliasSetFieldsResolver } from './render/alias-set-fields.resolver';
import { RenderResolver } from './render/render.resolver';
import { TeamsResolver } from './teams/teams.resolver';
import { TokensResolver } from './tokens/tokens.resolver';

/** Every resolver class: the schema script builds the committed SDL from this list. */
export const GRAPHQL_RESOLVERS = [
  TeamsResolver,
  ClustersResolver,
  AliasSetsResolver,
  RevisionsResolver,
  AuditResolver,
  TokensResolver,
  RenderResolver,
  AliasSetFieldsResolver,
  AliasSetDependentsResolver,
  ManifestsResolver,
  AdmissionResolver,
  WebhooksResolver,
];
