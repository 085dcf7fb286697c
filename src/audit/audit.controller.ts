import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { auditPageJson } from './audit-event';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditEventPageModel } from './models/audit-event.model';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Audit events, newest first' })
  @ApiResponse({ status: 200, type: AuditEventPageModel })
  @Header('content-type', 'application/json; charset=utf-8')
  async list(@RequestContext() ctx: Ctx, @Query() query: AuditQueryDto): Promise<Buffer> {
    return auditPageJson(await this.audit.listText(ctx.actor, query));
  }
}
