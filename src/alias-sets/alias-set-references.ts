import { Injectable } from '@nestjs/common';

import type { Actor } from '../auth/actor';
import { policy } from '../auth/policy';
import { ClustersService } from '../clusters/clusters.service';
import { type AliasSetContent, type FieldError, formatSetRef } from '../domain/host-alias';
import { AliasSetsRepository } from './alias-sets.repository';

/**
 * Checks what the pure domain cannot: that named clusters exist, and that included sets exist,
 * are readable by the writer, and are shared when they belong to another team.
 */
@Injectable()
export class AliasSetReferences {
  constructor(
    private readonly clusters: ClustersService,
    private readonly sets: AliasSetsRepository,
  ) {}

  async check(actor: Actor, team: string, content: AliasSetContent): Promise<FieldError[]> {
    const clusterNames = [...new Set(content.entries.flatMap((e) => e.clusters ?? []))];
    const [existingClusters, included] = await Promise.all([
      this.clusters.existingNames(clusterNames),
      this.sets.findManyByRef([...new Set(content.includes)]),
    ]);
    const errors: FieldError[] = [];
    content.entries.forEach((entry, i) =>
      (entry.clusters ?? []).forEach((cluster, j) => {
        if (!existingClusters.has(cluster)) {
          errors.push({
            field: `entries[${i}].clusters[${j}]`,
            message: `cluster "${cluster}" not found`,
          });
        }
      }),
    );
    const byRef = new Map(included.map((set) => [formatSetRef(set), set]));
    content.includes.forEach((ref, i) => {
      const set = byRef.get(ref);
      if (!set || !policy.canReadSet(actor, set)) {
        errors.push({ field: `includes[${i}]`, message: `alias set "${ref}" not found` });
      } else if (set.team !== team && !set.shared) {
        errors.push({
          field: `includes[${i}]`,
          message: `alias set "${ref}" is private to team "${set.team}"; only shared sets can be included by other teams`,
        });
      }
    });
    return errors;
  }
}
