import { Module } from '@nestjs/common';

import { AuditRecorder } from './audit.recorder';
import { AuditRepository } from './audit.repository';

@Module({
  providers: [AuditRepository, AuditRecorder],
  exports: [AuditRecorder, AuditRepository],
})
export class AuditModule {}
