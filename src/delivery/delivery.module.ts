import { Module } from '@nestjs/common';

import { ClustersModule } from '../clusters/clusters.module';
import { RenderModule } from '../render/render.module';
import { ManifestsController } from './manifests.controller';
import { ManifestsResolver } from './manifests.resolver';
import { ManifestsService } from './manifests.service';

/** Manifests apply and check (SPEC 8.1): reads through the one resolver, then the domain merge. */
@Module({
  imports: [RenderModule, ClustersModule],
  controllers: [ManifestsController],
  providers: [ManifestsService, ManifestsResolver],
})
export class DeliveryModule {}
