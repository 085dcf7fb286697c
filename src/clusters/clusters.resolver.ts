import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { ClustersService, type ClusterView } from './clusters.service';
import { CreateClusterInput } from './dto/create-cluster.input';
import { ClusterModel } from './models/cluster.model';

@Resolver(() => ClusterModel)
export class ClustersResolver {
  constructor(private readonly service: ClustersService) {}

  @Query(() => [ClusterModel], { description: 'Known clusters (first 500).' })
  async clusters(): Promise<ClusterView[]> {
    return (await this.service.list({ limit: 500 })).items;
  }

  @Mutation(() => ClusterModel)
  createCluster(
    @RequestContext() ctx: Ctx,
    @Args('input') input: CreateClusterInput,
  ): Promise<ClusterView> {
    return this.service.create(ctx, input);
  }
}
