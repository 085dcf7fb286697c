import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { TeamsController } from './teams.controller';
import { TeamsRepository } from './teams.repository';
import { TeamsResolver } from './teams.resolver';
import { TeamsService } from './teams.service';

@Module({
  imports: [AuditModule],
  controllers: [TeamsController],
  providers: [TeamsRepository, TeamsService, TeamsResolver],
  exports: [TeamsService],
})
export class TeamsModule {}
