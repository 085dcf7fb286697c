import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { ClustersModule } from '../clusters/clusters.module';
import { OutboxModule } from '../notifications/outbox.module';
import { TeamsModule } from '../teams/teams.module';
import { AliasSetDependents } from './alias-set-dependents';
import { AliasSetDependentsResolver } from './alias-set-dependents.resolver';
import { AliasSetImpact } from './alias-set-impact';
import { ExpirySweeper } from './expiry-sweeper';
import { KnownSets } from './known-sets';
import { AliasSetReferences } from './alias-set-references';
import { AliasSetWriter } from './alias-set.writer';
import { AliasSetsController } from './alias-sets.controller';
import { AliasSetsRepository } from './alias-sets.repository';
import { AliasSetsResolver } from './alias-sets.resolver';
import { AliasSetsService } from './alias-sets.service';
import { RevisionsController } from './revisions.controller';
import { RevisionsRepository } from './revisions.repository';
import { RevisionsResolver } from './revisions.resolver';
import { RevisionsService } from './revisions.service';

@Module({
  imports: [AuditModule, TeamsModule, ClustersModule, OutboxModule],
  controllers: [AliasSetsController, RevisionsController],
  providers: [
    AliasSetsRepository,
    KnownSets,
    AliasSetReferences,
    AliasSetWriter,
    AliasSetsService,
    AliasSetsResolver,
    AliasSetDependents,
    AliasSetDependentsResolver,
    AliasSetImpact,
    ExpirySweeper,
    RevisionsRepository,
    RevisionsService,
    RevisionsResolver,
  ],
  exports: [AliasSetsService, AliasSetsRepository, AliasSetDependents],
})
export class AliasSetsModule {}
