import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { ClustersModule } from '../clusters/clusters.module';
import { TeamsModule } from '../teams/teams.module';
import { AliasSetReferences } from './alias-set-references';
import { AliasSetWriter } from './alias-set.writer';
import { AliasSetsController } from './alias-sets.controller';
import { AliasSetsRepository } from './alias-sets.repository';
import { AliasSetsResolver } from './alias-sets.resolver';
import { AliasSetsService } from './alias-sets.service';

@Module({
  imports: [AuditModule, TeamsModule, ClustersModule],
  controllers: [AliasSetsController],
  providers: [
    AliasSetsRepository,
    AliasSetReferences,
    AliasSetWriter,
    AliasSetsService,
    AliasSetsResolver,
  ],
  exports: [AliasSetsService, AliasSetsRepository],
})
export class AliasSetsModule {}
