import type { Metric, Registry } from 'prom-client';

interface Series {
  labels: { method: string; route: string; status_code: string };
  /** Observations per bucket, not cumulative; the last slot counts those above every bound. */
  counts: Float64Array;
  sum: number;
  count: number;
}

interface ExportedValue {
  labels: Record<string, string | number>;
  sharedLabels: Series['labels'];
  value: number;
  metricName: string;
}

/**
 * The request-duration histogram, recorded on every request of every service.
 *
 * prom-client's `Histogram#observe` validates the label names, builds a hash string from the
 * labels and allocates a closure and a label/value pair on each call: 3–4 µs, about a tenth of
 * what a small request costs in all (bench/FINDINGS.md). Here a series is found with one map
 * lookup and recorded by incrementing one bucket. It registers in a prom-client `Registry` like
 * any metric, and the scrape text is what a prom-client Histogram writes for the same data.
 */
export class RequestDurationHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly upperBounds: readonly number[],
  ) {}

  /** Adds itself to `registry`, which reads it through `get()` at scrape time. */
  registerIn(registry: Registry): this {
    // The registry only calls get() (and reset()); prom-client's types name its own classes.
    registry.registerMetric(this as unknown as Metric);
    return this;
  }

  observe(method: string, route: string, statusCode: number, seconds: number): void {
    const key = `${statusCode} ${method} ${route}`;
    let series = this.series.get(key);
    if (series === undefined) {
      series = {
        labels: { method, route, status_code: String(statusCode) },
        counts: new Float64Array(this.upperBounds.length + 1),
        sum: 0,
        count: 0,
      };
      this.series.set(key, series);
    }
    let bucket = 0;
    while (bucket < this.upperBounds.length && seconds > (this.upperBounds[bucket] as number)) bucket += 1;
    series.counts[bucket] = (series.counts[bucket] as number) + 1;
    series.sum += seconds;
    series.count += 1;
  }

  /**
   * What the registry writes at scrape time. As in prom-client, a series' own labels travel as
   * `sharedLabels` and are written after the line's (`le`) and the registry's default labels.
   */
  async getForPromString() {
    const values: ExportedValue[] = [];
    const bucketName = `${this.name}_bucket`;
    for (const { labels, counts, sum, count } of this.series.values()) {
      let cumulative = 0;
      this.upperBounds.forEach((le, i) => {
        cumulative += counts[i] as number;
        values.push({ labels: { le }, sharedLabels: labels, value: cumulative, metricName: bucketName });
      });
      values.push({ labels: { le: '+Inf' }, sharedLabels: labels, value: count, metricName: bucketName });
      values.push({ labels: {}, sharedLabels: labels, value: sum, metricName: `${this.name}_sum` });
      values.push({ labels: {}, sharedLabels: labels, value: count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** The same values with every label on the value itself (getMetricsAsJSON). */
  async get() {
    const data = await this.getForPromString();
    return {
      ...data,
      values: data.values.map(({ labels, sharedLabels, value, metricName }) => ({ labels: { ...labels, ...sharedLabels }, value, metricName })),
    };
  }

  reset(): void {
    this.series.clear();
  }
}
