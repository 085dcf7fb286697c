import { Module } from '@nestjs/common';

import { AliasSetsModule } from '../alias-sets/alias-sets.module';
import { AuditModule } from '../audit/audit.module';
import { ClustersModule } from '../clusters/clusters.module';
import { AliasSetFieldsResolver } from './alias-set-fields.resolver';
import { RenderController } from './render.controller';
import { RenderResolver } from './render.resolver';
import { ClosureCache } from './closure-cache';
import { CompiledSets } from './compiled-sets';
import { RenderResponseCache } from './render-response-cache';
import { RenderService } from './render.service';

@Module({
  imports: [AliasSetsModule, ClustersModule, AuditModule],
  controllers: [RenderController],
  exports: [RenderResponseCache],
  providers: [
    ClosureCache,
    CompiledSets,
    RenderResponseCache,
    RenderService,
    RenderResolver,
    AliasSetFieldsResolver,
  ],
})
export class RenderModule {}
