import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { ListQueryDto } from '../common/list-query.dto';
import type { Page } from '../common/pagination';
import { ClustersService, type ClusterView } from './clusters.service';
import { CreateClusterInput } from './dto/create-cluster.input';
import { ClusterListModel, ClusterModel } from './models/cluster.model';

@ApiTags('clusters')
@ApiBearerAuth()
@Controller('api/v1/clusters')
export class ClustersController {
  constructor(private readonly clusters: ClustersService) {}

  @Get()
  @ApiOperation({ summary: 'List clusters' })
  @ApiResponse({ status: 200, type: ClusterListModel })
  list(@Query() query: ListQueryDto): Promise<Page<ClusterView>> {
    return this.clusters.list(query);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a cluster (super-user)' })
  @ApiResponse({ status: 201, type: ClusterModel })
  create(@RequestContext() ctx: Ctx, @Body() input: CreateClusterInput): Promise<ClusterView> {
    return this.clusters.create(ctx, input);
  }
}
