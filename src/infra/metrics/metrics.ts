import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

import { TallyHistogram } from './tally-histogram';

/** Pool figures exposed as gauges, read at scrape time. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** GraphQL operations holding a slot and waiting for one, read at scrape time. */
export interface GraphqlOperationStats {
  running: number;
  queued: number;
}

/** What the resolver keeps compiled, read at scrape time. */
export interface CompiledSetStats {
  sets: number;
  entries: number;
  symbols: number;
}

/** The webhook delivery queue, read from the database at scrape time. */
export interface WebhookQueueStats {
  pending: number;
  oldestPendingSeconds: number;
}

/**
 * The Prometheus registry of one app instance (so several instances in one process, as in tools,
 * never collide) and every metric the service exports.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new TallyHistogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly dbQueries = new Counter({
    name: 'db_queries_total',
    help: 'SQL statements sent to PostgreSQL',
    registers: [this.registry],
  });
  readonly backgroundDbQueries = new Counter({
    name: 'db_background_queries_total',
    help: 'SQL statements of background work no request waits for (webhook delivery)',
    registers: [this.registry],
  });
  readonly renderCache = new Counter({
    name: 'render_cache_requests_total',
    help: 'Render cache lookups by result',
    labelNames: ['result'],
    registers: [this.registry],
  });
  readonly renderResponseCache = new Counter({
    name: 'render_response_cache_requests_total',
    help: 'Render GETs answered from the URL cache in front of the framework, by result',
    labelNames: ['result'],
    registers: [this.registry],
  });
  readonly manifests = new Counter({
    name: 'manifests_requests_total',
    help: 'manifests apply and check calls by operation and outcome (in_sync, drift, refused)',
    labelNames: ['operation', 'outcome'],
    registers: [this.registry],
  });
  readonly manifestWorkloads = new Counter({
    name: 'manifests_workloads_total',
    help: 'Workloads that asked for sets in manifests apply and check calls, by operation',
    labelNames: ['operation'],
    registers: [this.registry],
  });
  readonly admissionReviews = new Counter({
    name: 'admission_reviews_total',
    help: 'Admission reviews answered, by result (patched, unchanged, warning, denied); dry runs are not counted',
    labelNames: ['result'],
    registers: [this.registry],
  });
  readonly admissionDuration = new TallyHistogram({
    name: 'admission_review_duration_seconds',
    help: 'Time to answer an admission review, in the service',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  /** Records the time one admission review took, in seconds. */
  readonly observeAdmission = this.admissionDuration.recorder();
  readonly webhookAttempts = new Counter({
    name: 'webhook_delivery_attempts_total',
    help: 'Webhook delivery attempts by result: succeeded, retrying (failed, will retry), failed (gave up)',
    labelNames: ['result'],
    registers: [this.registry],
  });
  private readonly durationByRoute = new Map<string, (seconds: number) => void>();
  private poolStats: () => PoolStats = () => ({ total: 0, idle: 0, waiting: 0 });
  private compiledSetStats: () => CompiledSetStats = () => ({ sets: 0, entries: 0, symbols: 0 });
  private graphqlStats: () => GraphqlOperationStats = () => ({ running: 0, queued: 0 });
  private webhookQueue: () => Promise<WebhookQueueStats> = () =>
    Promise.resolve({ pending: 0, oldestPendingSeconds: 0 });
  private lastWebhookQueue: WebhookQueueStats = { pending: 0, oldestPendingSeconds: 0 };

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.gaugeReadAtScrape(
      'db_pool_connections',
      'Database pool connections by state',
      'state',
      () => {
        const { total, idle, waiting } = this.poolStats();
        return { total, idle, waiting_clients: waiting };
      },
    );
    this.gaugeReadAtScrape(
      'resolve_compiled_sets',
      'Alias sets kept compiled for resolution: sets, their entries, and numbered symbols',
      'measure',
      () => ({ ...this.compiledSetStats() }),
    );
    this.gaugeReadAtScrape(
      'graphql_operations',
      'GraphQL operations executing and waiting for a slot (GRAPHQL_CONCURRENCY)',
      'state',
      () => ({ ...this.graphqlStats() }),
    );
    const readQueue = () => this.readWebhookQueue();
    new Gauge({
      name: 'webhook_deliveries_pending',
      help: 'Webhook deliveries waiting for their next attempt or in flight (queue depth)',
      registers: [this.registry],
      async collect() {
        this.set((await readQueue()).pending);
      },
    });
    new Gauge({
      name: 'webhook_oldest_pending_delivery_seconds',
      help: 'Age of the oldest webhook delivery still pending (0 when none)',
      registers: [this.registry],
      async collect() {
        this.set((await readQueue()).oldestPendingSeconds);
      },
    });
  }

  /** The queue as last read; a scrape while the database is away keeps the previous figures. */
  private async readWebhookQueue(): Promise<WebhookQueueStats> {
    this.lastWebhookQueue = await this.webhookQueue().catch(() => this.lastWebhookQueue);
    return this.lastWebhookQueue;
  }

  /** Records one request; each label set's recorder is kept, as this runs for every request. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route} ${status}`;
    let record = this.durationByRoute.get(key);
    if (!record) {
      record = this.httpDuration.recorder({ method, route, status: String(status) });
      this.durationByRoute.set(key, record);
    }
    record(seconds);
  }

  /** A gauge with one value per key of what `read` returns, the key being its `label`. */
  private gaugeReadAtScrape(
    name: string,
    help: string,
    label: string,
    read: () => Record<string, number>,
  ): void {
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [this.registry],
      collect() {
        for (const [key, value] of Object.entries(read())) this.set({ [label]: key }, value);
      },
    });
  }

  watchPool(stats: () => PoolStats): void {
    this.poolStats = stats;
  }

  watchCompiledSets(stats: () => CompiledSetStats): void {
    this.compiledSetStats = stats;
  }

  watchWebhookQueue(stats: () => Promise<WebhookQueueStats>): void {
    this.webhookQueue = stats;
  }

  watchGraphqlOperations(stats: () => GraphqlOperationStats): void {
    this.graphqlStats = stats;
  }
}
