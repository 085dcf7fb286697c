import {
  Histogram,
  type HistogramConfiguration,
  type LabelValues,
  type MetricObjectWithValues,
  type MetricValueWithName,
} from 'prom-client';

/** A series as prom-client's histogram exports it: `le` in labels, the label set beside. */
type ExportedValue<T extends string> = MetricValueWithName<T> & {
  sharedLabels: LabelValues<T>;
  exemplar?: null;
};

type Exported<T extends string> = MetricObjectWithValues<ExportedValue<T>>;

/**
 * prom-client's own export of a histogram, which Registry#metrics() reads (and get() wraps). It
 * is not in the package's typings, hence the one cast; the spec compares the whole exposition
 * with a plain prom-client Histogram fed the same values, so a change there fails a test.
 */
const exportOf = (
  Histogram.prototype as unknown as {
    getForPromString: (this: Histogram) => Promise<Exported<string>>;
  }
).getForPromString;

/** One label set's observations: a count per bucket (the last one beyond every bound), sum, count. */
interface Tally<T extends string> {
  labels: LabelValues<T>;
  counts: Float64Array;
  sum: number;
  count: number;
}

/**
 * A prom-client Histogram for what every request observes. `recorder` gives one label set's
 * observer, which only bumps numbers: prom-client's own observe validates and hashes the labels
 * on every call, which the render fast path measured at 8 % of its throughput. A scrape exports
 * the same series as prom-client would.
 */
export class TallyHistogram<T extends string> extends Histogram<T> {
  private readonly bounds: readonly number[];
  private readonly tallies = new Map<string, Tally<T>>();

  constructor(config: HistogramConfiguration<T> & { buckets: number[] }) {
    super(config);
    this.bounds = [...config.buckets].sort((a, b) => a - b);
  }

  /** The observer of one label set (keep it: finding it hashes the labels). */
  recorder(labels: LabelValues<T> = {}): (value: number) => void {
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = { labels, counts: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 };
      this.tallies.set(key, tally);
    }
    const found = tally;
    const bounds = this.bounds;
    return (value) => {
      let bucket = 0;
      while (bucket < bounds.length && value > bounds[bucket]) bucket++;
      found.counts[bucket]++;
      found.sum += value;
      found.count++;
    };
  }

  /** Called by Registry#metrics() and by get(): prom-client's series, then the tallies'. */
  async getForPromString(): Promise<Exported<T>> {
    const exported = (await exportOf.call(this)) as Exported<T>;
    const name = exported.name;
    const values: ExportedValue<T>[] = [];
    for (const { labels, counts, sum, count } of this.tallies.values()) {
      let cumulative = 0;
      const series = (le: number | string, value: number): ExportedValue<T> => ({
        labels: { le } as LabelValues<T>,
        sharedLabels: labels,
        value,
        metricName: `${name}_bucket`,
        exemplar: null,
      });
      this.bounds.forEach((le, bucket) => values.push(series(le, (cumulative += counts[bucket]))));
      values.push(series('+Inf', count));
      values.push({ labels: {}, sharedLabels: labels, value: sum, metricName: `${name}_sum` });
      values.push({ labels: {}, sharedLabels: labels, value: count, metricName: `${name}_count` });
    }
    return { ...exported, values: [...exported.values, ...values] };
  }

  override reset(): void {
    super.reset();
    // prom-client's constructor resets too, before this class's fields exist.
    const tallies: Map<string, Tally<T>> | undefined = this.tallies;
    for (const tally of tallies?.values() ?? []) {
      tally.counts.fill(0);
      tally.sum = 0;
      tally.count = 0;
    }
  }
}
