import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import {
  PATCH_FORMATS,
  PATCH_TYPES,
  type PatchFormat,
  type PatchType,
  WORKLOAD_KINDS,
  type WorkloadKind,
} from '../../domain/pod-spec-patch';
import type { ConflictPolicy } from '../../domain/resolve';

const CONFLICT_POLICIES = ['error', 'first'] as const;

/** `sets=a/x,b/y` (or repeated `sets=`) as an ordered list. */
const toList = ({ value }: { value: unknown }): unknown[] =>
  asArray(value)
    .flatMap((item: unknown) => (typeof item === 'string' ? item.split(',') : [item]))
    .map((item: unknown) => (typeof item === 'string' ? item.trim() : item))
    .filter((item: unknown) => item !== '');

const toArray = ({ value }: { value: unknown }): unknown[] => asArray(value);

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

/** `cluster` and `onConflict`: how a list of sets is resolved. */
export class ResolutionOptions {
  @ApiPropertyOptional({ example: 'eu-prod' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  cluster?: string;

  @ApiPropertyOptional({ enum: CONFLICT_POLICIES, default: 'error' })
  @IsOptional()
  @IsIn(CONFLICT_POLICIES)
  onConflict?: ConflictPolicy;
}

export class SetsParam {
  @ApiProperty({
    example: 'platform/base,payments/partner-hosts',
    description: 'team/name, comma-separated, in priority order',
  })
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  sets!: string[];
}

/** The pod fields the kubelet derives the hostname and domain from (query, body and GraphQL). */
@InputType({ isAbstract: true })
export class PodIdentityFields {
  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ example: 'hostaliases-pod' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  podName?: string;

  @Field(() => String, { nullable: true, description: 'spec.hostname' })
  @ApiPropertyOptional({ description: 'spec.hostname' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  hostname?: string;

  @Field(() => String, { nullable: true, description: 'spec.subdomain' })
  @ApiPropertyOptional({ description: 'spec.subdomain' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  subdomain?: string;

  @Field(() => String, { nullable: true, description: 'default: default' })
  @ApiPropertyOptional({ default: 'default' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  namespace?: string;

  @Field(() => String, { nullable: true, description: 'default: cluster.local' })
  @ApiPropertyOptional({ default: 'cluster.local' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  clusterDomain?: string;

  @Field(() => String, { nullable: true, description: 'spec.hostnameOverride' })
  @ApiPropertyOptional({ description: 'spec.hostnameOverride' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  hostnameOverride?: string;
}

export class ResolveQuery extends IntersectionType(SetsParam, ResolutionOptions) {}

/** Query of the one-set shortcut `/alias-sets/{team}/{name}/hosts` (no `sets`). */
export class SetHostsQuery extends IntersectionType(ResolutionOptions, PodIdentityFields) {
  @ApiPropertyOptional({
    type: [String],
    example: ['10.200.0.5'],
    description: 'Repeat for dual-stack',
  })
  @IsOptional()
  @Transform(toArray)
  @IsArray()
  @ArrayMaxSize(8)
  @IsString({ each: true })
  podIP?: string[];
}

export class RenderHostsQuery extends IntersectionType(SetHostsQuery, SetsParam) {}

export class RenderPatchQuery extends ResolveQuery {
  @ApiPropertyOptional({ enum: WORKLOAD_KINDS, default: 'Deployment' })
  @IsOptional()
  @IsIn(WORKLOAD_KINDS)
  kind?: WorkloadKind;

  @ApiPropertyOptional({ enum: PATCH_TYPES, default: 'strategic' })
  @IsOptional()
  @IsIn(PATCH_TYPES)
  type?: PatchType;

  @ApiPropertyOptional({ enum: PATCH_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(PATCH_FORMATS)
  format?: PatchFormat;

  @ApiPropertyOptional({
    description:
      "The object's hostaliases.registry/applied annotation (kubectl get -o jsonpath): the patch then also removes what the registry placed before and no longer places",
    example: '{"sets":["platform/base@7"],"ips":["10.1.2.3"]}',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64 * 1024)
  applied?: string;
}

/** The pod a hosts file is rendered for: REST POST body and GraphQL input alike. */
@InputType('PodInput')
export class PodInputDto extends PodIdentityFields {
  @Field(() => [String], { nullable: true })
  @ApiPropertyOptional({ type: [String], example: ['10.200.0.5'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsString({ each: true })
  podIPs?: string[];

  @Field(() => Boolean, { nullable: true })
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  hostNetwork?: boolean;

  @Field(() => String, { nullable: true, description: "The node's /etc/hosts (host network)" })
  @ApiPropertyOptional({ description: "The node's /etc/hosts, byte for byte (host network only)" })
  @IsOptional()
  @IsString()
  @MaxLength(256 * 1024)
  nodeHostsFile?: string;
}

export class RenderHostsBody extends IntersectionType(SetsParam, ResolutionOptions) {
  @ApiProperty({ type: PodInputDto })
  @IsObject({ message: 'pod must be an object (the pod being rendered)' })
  @ValidateNested()
  @Type(() => PodInputDto)
  pod!: PodInputDto;
}
