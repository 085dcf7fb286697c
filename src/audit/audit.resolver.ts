import { Args, Query, Resolver } from '@nestjs/graphql';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import type { Page } from '../common/pagination';
import type { AuditEvent } from './audit-event';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditEventPageModel } from './models/audit-event.model';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventPageModel, { description: 'Audit events, newest first.' })
  auditEvents(@RequestContext() ctx: Ctx, @Args() query: AuditQueryDto): Promise<Page<AuditEvent>> {
    return this.audit.list(ctx.actor, query);
  }
}
