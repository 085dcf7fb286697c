import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

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

/**
 * The Prometheus registry of one app instance (so several instances in one process, as in tools,
 * never collide) and every metric the service exports.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
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
  private readonly durationByRoute = new Map<string, { observe: (seconds: number) => void }>();
  private poolStats: () => PoolStats = () => ({ total: 0, idle: 0, waiting: 0 });
  private compiledSetStats: () => CompiledSetStats = () => ({ sets: 0, entries: 0, symbols: 0 });
  private graphqlStats: () => GraphqlOperationStats = () => ({ running: 0, queued: 0 });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const stats = () => this.poolStats();
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections by state',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const { total, idle, waiting } = stats();
        this.set({ state: 'total' }, total);
        this.set({ state: 'idle' }, idle);
        this.set({ state: 'waiting_clients' }, waiting);
      },
    });
    const compiled = () => this.compiledSetStats();
    new Gauge({
      name: 'resolve_compiled_sets',
      help: 'Alias sets kept compiled for resolution: sets, their entries, and numbered symbols',
      labelNames: ['measure'],
      registers: [this.registry],
      collect() {
        const { sets, entries, symbols } = compiled();
        this.set({ measure: 'sets' }, sets);
        this.set({ measure: 'entries' }, entries);
        this.set({ measure: 'symbols' }, symbols);
      },
    });
    const graphql = () => this.graphqlStats();
    new Gauge({
      name: 'graphql_operations',
      help: 'GraphQL operations executing and waiting for a slot (GRAPHQL_CONCURRENCY)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const { running, queued } = graphql();
        this.set({ state: 'running' }, running);
        this.set({ state: 'queued' }, queued);
      },
    });
  }

  /** Records one request; label children are cached, as this runs for every request. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route} ${status}`;
    let child = this.durationByRoute.get(key);
    if (!child) {
      child = this.httpDuration.labels(method, route, String(status));
      this.durationByRoute.set(key, child);
    }
    child.observe(seconds);
  }

  watchPool(stats: () => PoolStats): void {
    this.poolStats = stats;
  }

  watchCompiledSets(stats: () => CompiledSetStats): void {
    this.compiledSetStats = stats;
  }

  watchGraphqlOperations(stats: () => GraphqlOperationStats): void {
    this.graphqlStats = stats;
  }
}
