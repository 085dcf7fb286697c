import { Module } from '@nestjs/common';

import { ClustersModule } from '../clusters/clusters.module';
import { RenderModule } from '../render/render.module';
import { AdmissionConfigService } from './admission-config.service';
import { AdmissionController } from './admission.controller';
import { AdmissionResolver } from './admission.resolver';
import { AdmissionService } from './admission.service';

/** SPEC 8.2: the mutating webhook, and the configuration a cluster needs to call it or not. */
@Module({
  imports: [RenderModule, ClustersModule],
  controllers: [AdmissionController],
  providers: [AdmissionService, AdmissionConfigService, AdmissionResolver],
})
export class AdmissionModule {}
