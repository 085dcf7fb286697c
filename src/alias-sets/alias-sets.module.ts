import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { ClustersModule } from '../clusters/clusters.module';
import { TeamsModule } from '../teams/teams.module';
import { AliasSetDependents } from './alias-set-dependents';
import { AliasSetDependentsResolver } from './alias-set-dependents.resolver';
import { AliasSetReferences } from './alias-set-references';
import { AliasSetWritesRepository } from './alias-set-writes.repository';
import { AliasSetWriter } from './alias-set.writer';
import { AliasSetsController } from './alias-sets.controller';
import { AliasSetsRepository } from './alias-sets.repository';
import { AliasSetsResolver } from './alias-sets.resolver';
import { AliasSetsService } from './alias-sets.service';
import { RevisionsController } from './revisions.controller';
import { RevisionsResolver } from './revisions.resolver';
import { RevisionsService } from './revisions.service';

@Module({
  imports: [AuditModule, TeamsModule, ClustersModule],
  controllers: [AliasSetsController, RevisionsController],
  providers: [
    AliasSetsRepository,
    AliasSetWritesRepository,
    AliasSetReferences,
    AliasSetWriter,
    AliasSetsService,
    AliasSetsResolver,
    AliasSetDependents,
    AliasSetDependentsResolver,
    RevisionsService,
    RevisionsResolver,
  ],
  exports: [AliasSetsService, AliasSetsRepository, AliasSetDependents],
})
export class AliasSetsModule {}
