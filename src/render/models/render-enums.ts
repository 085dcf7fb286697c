import { registerEnumType } from '@nestjs/graphql';

import type { PatchFormat, PatchType, WorkloadKind } from '../../domain/pod-spec-patch';
import type { ConflictPolicy } from '../../domain/resolve';

// GraphQL enums whose values are the domain's own strings, so GraphQL validates them for us.
export enum WorkloadKindEnum {
  Pod = 'Pod',
  PodTemplate = 'PodTemplate',
  Deployment = 'Deployment',
  ReplicaSet = 'ReplicaSet',
  StatefulSet = 'StatefulSet',
  DaemonSet = 'DaemonSet',
  ReplicationController = 'ReplicationController',
  Job = 'Job',
  CronJob = 'CronJob',
}
export enum PatchTypeEnum {
  strategic = 'strategic',
  merge = 'merge',
  json = 'json',
}
export enum PatchFormatEnum {
  json = 'json',
  yaml = 'yaml',
}
export enum ConflictPolicyEnum {
  error = 'error',
  first = 'first',
}

registerEnumType(WorkloadKindEnum, { name: 'WorkloadKind' });
registerEnumType(PatchTypeEnum, { name: 'PatchType' });
registerEnumType(PatchFormatEnum, { name: 'PatchFormat' });
registerEnumType(ConflictPolicyEnum, {
  name: 'ConflictPolicy',
  description: 'error: 409 on conflicting hostnames; first: the earlier set wins',
});

// Compile-time proof that the enums and the domain's unions hold the same strings.
const sameStrings = <A extends string, B extends A>(check: [A, B]) => check;
sameStrings<`${WorkloadKindEnum}`, WorkloadKind>(['Pod', 'Pod']);
sameStrings<WorkloadKind, `${WorkloadKindEnum}`>(['Pod', 'Pod']);
sameStrings<`${PatchTypeEnum}`, PatchType>(['json', 'json']);
sameStrings<PatchType, `${PatchTypeEnum}`>(['json', 'json']);
sameStrings<`${PatchFormatEnum}`, PatchFormat>(['json', 'json']);
sameStrings<PatchFormat, `${PatchFormatEnum}`>(['json', 'json']);
sameStrings<`${ConflictPolicyEnum}`, ConflictPolicy>(['first', 'first']);
sameStrings<ConflictPolicy, `${ConflictPolicyEnum}`>(['first', 'first']);
