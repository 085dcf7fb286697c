import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { ClustersController } from './clusters.controller';
import { ClustersRepository } from './clusters.repository';
import { ClustersResolver } from './clusters.resolver';
import { ClustersService } from './clusters.service';

@Module({
  imports: [AuditModule],
  controllers: [ClustersController],
  providers: [ClustersRepository, ClustersService, ClustersResolver],
  exports: [ClustersService],
})
export class ClustersModule {}
