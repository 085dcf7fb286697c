import { Module } from '@nestjs/common';

import { AliasSetsModule } from '../alias-sets/alias-sets.module';
import { AuditModule } from '../audit/audit.module';
import { ClustersModule } from '../clusters/clusters.module';
import { AliasSetFieldsResolver } from './alias-set-fields.resolver';
import { RenderController } from './render.controller';
import { RenderResolver } from './render.resolver';
import { RenderCache } from './render-cache';
import { RenderService } from './render.service';

@Module({
  imports: [AliasSetsModule, ClustersModule, AuditModule],
  controllers: [RenderController],
  exports: [RenderCache, RenderService],
  providers: [RenderCache, RenderService, RenderResolver, AliasSetFieldsResolver],
})
export class RenderModule {}
