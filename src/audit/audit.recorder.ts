import { Injectable } from '@nestjs/common';

import type { Tx } from '../infra/database/transaction';
import type { AuditEventInput } from './audit-event';
import { AuditRepository } from './audit.repository';

/**
 * Records an audit event inside the writer's transaction: if the event cannot be written, the
 * change is rolled back with it.
 */
@Injectable()
export class AuditRecorder {
  constructor(private readonly repository: AuditRepository) {}

  record(tx: Tx, event: AuditEventInput): Promise<void> {
    return this.repository.insert(tx, event);
  }
}
