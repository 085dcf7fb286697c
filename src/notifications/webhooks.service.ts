import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { AuditRecorder } from '../audit/audit.recorder';
import type { Actor, RequestContext } from '../auth/actor';
import { policy } from '../auth/policy';
import { DEFAULT_LIMIT, decodeCursor, encodeCursor, type Page } from '../common/pagination';
import { CONFIG } from '../config/config.module';
import type { Config } from '../config/config';
import { DomainError } from '../domain/errors';
import { validateWebhook, type WebhookInput } from '../domain/webhooks';
import { TransactionRunner } from '../infra/database/transaction';
import type { Team } from '../teams/team';
import { TeamsService } from '../teams/teams.service';
import type { Delivery, Webhook } from './webhook';
import { generateWebhookSecret, WebhookSecretBox } from './webhook-secret';
import { WebhooksRepository } from './webhooks.repository';

/** Webhook and delivery ids are UUIDs; anything else names nothing (and never reaches SQL). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The answer to a creation: the only place the secret ever appears. */
export type CreatedWebhook = Webhook & { secret: string };

@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly teams: TeamsService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRecorder,
    private readonly secrets: WebhookSecretBox,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async create(ctx: RequestContext, team: string, input: WebhookInput): Promise<CreatedWebhook> {
    const owner = await this.requireManageable(ctx.actor, team);
    const valid = validateWebhook(input);
    if (Array.isArray(valid)) throw DomainError.invalid(valid);
    const secret = generateWebhookSecret();
    const created = await this.transactions.run(async (tx) => {
      const webhook = await this.webhooks.create(tx, {
        id: randomUUID(),
        teamId: owner.id,
        ...valid,
        secret: this.secrets.seal(secret),
      });
      await this.audit.record(tx, {
        context: ctx,
        action: 'webhook.create',
        target: { type: 'webhook', ref: `${team}/${webhook.id}` },
        team,
        version: null,
        before: null,
        after: webhook,
      });
      return webhook;
    });
    return { ...created, secret };
  }

  async list(ctx: RequestContext, team: string): Promise<Page<Webhook>> {
    const owner = await this.requireManageable(ctx.actor, team);
    return { items: await this.webhooks.list(owner.id), nextCursor: null };
  }

  async get(ctx: RequestContext, team: string, id: string): Promise<Webhook> {
    const owner = await this.requireManageable(ctx.actor, team);
    const webhook = UUID.test(id) ? await this.webhooks.find(owner.id, id) : null;
    if (!webhook) throw notFound(team, id);
    return webhook;
  }

  /** Deletes the webhook and its deliveries log; pending deliveries are not sent. */
  async delete(ctx: RequestContext, team: string, id: string): Promise<Webhook> {
    const owner = await this.requireManageable(ctx.actor, team);
    return this.transactions.run(async (tx) => {
      const webhook = UUID.test(id) ? await this.webhooks.lock(tx, owner.id, id) : null;
      if (!webhook) throw notFound(team, id);
      await this.webhooks.delete(tx, id);
      await this.audit.record(tx, {
        context: ctx,
        action: 'webhook.delete',
        target: { type: 'webhook', ref: `${team}/${id}` },
        team,
        version: null,
        before: webhook,
        after: null,
      });
      return webhook;
    });
  }

  /** Newest first, each with its attempts. */
  async deliveries(
    ctx: RequestContext,
    team: string,
    id: string,
    query: { limit?: number; cursor?: string },
  ): Promise<Page<Delivery>> {
    const webhook = await this.get(ctx, team, id);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.webhooks.deliveries(webhook.id, limit + 1, decodeKey(query.cursor));
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor(`${last.createdAt.toISOString()}|${last.id}`)
          : null,
    };
  }

  /**
   * Sends a finished delivery again (same message id, so receivers can tell it is the same
   * event), with a fresh retry window. A delivery still pending is already going to be sent.
   */
  async redeliver(
    ctx: RequestContext,
    team: string,
    id: string,
    deliveryId: string,
  ): Promise<Delivery> {
    const webhook = await this.get(ctx, team, id);
    return this.transactions.run(async (tx) => {
      const delivery = UUID.test(deliveryId)
        ? await this.webhooks.lockDelivery(tx, webhook.id, deliveryId)
        : null;
      if (!delivery) {
        throw DomainError.notFound(`delivery ${deliveryId} not found for webhook ${id}`);
      }
      if (delivery.status === 'pending') {
        throw DomainError.conflict(
          `delivery ${deliveryId} is still pending; its next attempt is due at ${delivery.nextAttemptAt?.toISOString()}`,
        );
      }
      const retryUntil = new Date(Date.now() + this.config.webhooks.retryForMs);
      const again = await this.webhooks.redeliver(tx, delivery.id, retryUntil);
      await this.audit.record(tx, {
        context: ctx,
        action: 'webhook.redeliver',
        target: { type: 'webhook', ref: `${team}/${id}` },
        team,
        version: null,
        before: { delivery: delivery.id, status: delivery.status, attempts: delivery.attempts },
        after: { delivery: again.id, status: again.status, attempts: again.attempts },
      });
      return again;
    });
  }

  /** Another team's webhooks are not even confirmed to exist: 404 for the team, 403 for the role. */
  private async requireManageable(actor: Actor, team: string): Promise<Team> {
    if (actor.kind === 'token' && actor.teamSlug !== team) {
      throw DomainError.notFound(`team "${team}" not found`);
    }
    const owner = await this.teams.require(team);
    policy.assertCanManageWebhooks(actor, team);
    return owner;
  }
}

function notFound(team: string, id: string): DomainError {
  return DomainError.notFound(`webhook ${id} not found in team "${team}"`);
}

function decodeKey(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  const [at = '', id = ''] = key.split('|');
  const createdAt = new Date(at);
  if (Number.isNaN(createdAt.getTime()) || !UUID.test(id)) {
    throw DomainError.invalid([
      { field: 'cursor', message: 'is not a cursor returned by this API' },
    ]);
  }
  return { createdAt, id };
}
