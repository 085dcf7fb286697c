import { IntersectionType, PartialType } from '@nestjs/swagger';

import { ResolutionOptions, SetsParam } from '../../render/dto/render-query.dto';

/** `?sets=` overrides every workload's annotation; `?cluster=` yields to a cluster annotation. */
export class ManifestsQuery extends IntersectionType(PartialType(SetsParam), ResolutionOptions) {}
