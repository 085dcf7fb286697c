import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';

import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/config';

/** The PostgreSQL channel on which every replica hears which alias sets changed. */
export const CHANGES_CHANNEL = 'hostaliases_changes';

export type ChangeListener = (ref: string) => void;
/** Called when notifications may have been missed (connection lost): drop everything cached. */
export type ResetListener = () => void;

const RETRY_MS = 1000;

/**
 * LISTENs for change notifications that writers send inside their transactions (so they arrive
 * only once committed), and tells in-memory caches what to forget. While the connection is down
 * `live` is false and caches must not serve from memory: nothing can be missed unseen.
 */
@Injectable()
export class ChangeFeed implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ChangeFeed');
  private readonly listeners = new Set<ChangeListener>();
  private readonly resetListeners = new Set<ResetListener>();
  private client?: Client;
  private retry?: NodeJS.Timeout;
  private closing = false;
  live = false;
  /**
   * Bumped before every change or reset is announced. A cache that read the database at
   * generation N stores the result only if the generation is still N afterwards.
   */
  generation = 0;

  constructor(@Inject(CONFIG) private readonly config: Config) {}

  onChange(listener: ChangeListener): void {
    this.listeners.add(listener);
  }

  onReset(listener: ResetListener): void {
    this.resetListeners.add(listener);
  }

  /** In-process delivery for this replica's own commits, without waiting for the round trip. */
  publishLocal(ref: string): void {
    this.generation++;
    for (const listener of this.listeners) listener(ref);
  }

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearTimeout(this.retry);
    this.live = false;
    await this.client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new Client({
      // Behind a transaction-mode pooler LISTEN hears nothing: DATABASE_LISTEN_URL goes direct.
      connectionString: this.config.databaseListenUrl ?? this.config.databaseUrl,
      connectionTimeoutMillis: 3000,
    });
    client.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL && message.payload)
        this.publishLocal(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      this.client = client;
      // Anything cached before this point may predate notifications we never received.
      this.reset();
      this.live = true;
    } catch (error) {
      await client.end().catch(() => {});
      this.lost(client, error as Error);
    }
  }

  private lost(client: Client, error: Error): void {
    if (this.closing || (this.client !== undefined && this.client !== client)) return;
    if (this.live)
      this.logger.warn(`change feed lost (${error.message}); caches bypassed until it returns`);
    this.live = false;
    this.client = undefined;
    this.reset();
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), RETRY_MS);
    this.retry.unref();
  }

  private reset(): void {
    this.generation++;
    for (const listener of this.resetListeners) listener();
  }
}
