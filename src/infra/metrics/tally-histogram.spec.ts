import { Histogram, Registry } from 'prom-client';

import { TallyHistogram } from './tally-histogram';

const BUCKETS = [0.001, 0.01, 0.1, 1];

type Labels = { route: string; status: string };
type Observation = [labels: Labels, value: number];

/** Two registries, one with prom-client's own Histogram, one with TallyHistogram, fed the same. */
function fed(observations: Observation[]): { expected: Registry; actual: Registry } {
  const config = {
    name: 'd',
    help: 'h',
    labelNames: ['route', 'status'] as const,
    buckets: BUCKETS,
  };
  const expected = new Registry();
  const actual = new Registry();
  const reference = new Histogram({ ...config, registers: [expected] });
  const tally = new TallyHistogram({ ...config, registers: [actual] });
  const recorders = new Map<string, (value: number) => void>();
  for (const [labels, value] of observations) {
    reference.observe(labels, value);
    const key = `${labels.route} ${labels.status}`;
    const record = recorders.get(key) ?? tally.recorder(labels);
    recorders.set(key, record);
    record(value);
  }
  return { expected, actual };
}

function unlabelled(): { registry: Registry; histogram: TallyHistogram<string> } {
  const registry = new Registry();
  const histogram = new TallyHistogram({
    name: 'd',
    help: 'h',
    buckets: BUCKETS,
    registers: [registry],
  });
  return { registry, histogram };
}

describe('TallyHistogram', () => {
  const a = { route: '/a', status: '200' };
  const b = { route: '/b', status: '304' };
  const cases: [string, Observation[]][] = [
    ['nothing observed', []],
    ['one value in the first bucket', [[a, 0.0005]]],
    ['a value on a bound counts in that bucket', [[a, 0.01]]],
    ['a value beyond every bound counts only in +Inf', [[a, 5]]],
    ['zero', [[a, 0]]],
    [
      'values spread over buckets, two label sets',
      [
        [a, 0.0005],
        [b, 0.05],
        [a, 0.5],
        [a, 0.002],
        [b, 2],
        [a, 0.0005],
      ],
    ],
  ];

  it.each(cases)('exposes what prom-client exposes: %s', async (_name, observations) => {
    const { expected, actual } = fed(observations);
    expect(await actual.metrics()).toBe(await expected.metrics());
  });

  it.each(cases)('gives the JSON prom-client gives: %s', async (_name, observations) => {
    const { expected, actual } = fed(observations);
    expect(await actual.getMetricsAsJSON()).toEqual(await expected.getMetricsAsJSON());
  });

  it('keeps one series for the same labels given in another order', async () => {
    const registry = new Registry();
    const histogram = new TallyHistogram({
      name: 'd',
      help: 'h',
      labelNames: ['route', 'status'],
      buckets: BUCKETS,
      registers: [registry],
    });
    histogram.recorder({ route: '/a', status: '200' })(0.5);
    histogram.recorder({ status: '200', route: '/a' })(0.5);
    expect(await registry.metrics()).toContain('d_count{route="/a",status="200"} 2');
  });

  it('records without labels', async () => {
    const { registry, histogram } = unlabelled();
    const record = histogram.recorder();
    record(0.005);
    record(0.05);
    const text = await registry.metrics();
    expect(text).toContain('d_bucket{le="0.01"} 1');
    expect(text).toContain('d_bucket{le="+Inf"} 2');
    expect(text).toContain('d_sum 0.055');
  });

  it('starts again from zero after a reset, its recorders still counting', async () => {
    const { registry, histogram } = unlabelled();
    const record = histogram.recorder();
    record(0.5);
    registry.resetMetrics();
    record(0.005);
    const text = await registry.metrics();
    expect(text).toContain('d_count 1');
    expect(text).toContain('d_sum 0.005');
  });
});
