import { Injectable } from '@nestjs/common';

import type { SqlParams } from '../infra/database/sql-params';
import type { Tx } from '../infra/database/transaction';
import type { AuditEventInput } from './audit-event';
import { AuditRepository, insertAuditSql } from './audit.repository';

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

  /**
   * The same event as one part of the statement of the change it records (the set writer),
   * written once per row of `from`.
   */
  recordSql(event: AuditEventInput, params: SqlParams, from: string): string {
    return insertAuditSql(event, params, from);
  }
}
