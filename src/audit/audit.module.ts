import { Module } from '@nestjs/common';

import { AuditController } from './audit.controller';
import { AuditRecorder } from './audit.recorder';
import { AuditRepository } from './audit.repository';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';
import { KnownEvents } from './known-events';

@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditRecorder, AuditService, AuditResolver, KnownEvents],
  exports: [AuditRecorder, AuditService],
})
export class AuditModule {}
