import { Module } from '@nestjs/common';

import { AuditController } from './audit.controller';
import { AuditRecorder } from './audit.recorder';
import { AuditRepository } from './audit.repository';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';

@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditRecorder, AuditService, AuditResolver],
  exports: [AuditRecorder, AuditService],
})
export class AuditModule {}
