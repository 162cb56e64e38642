package io.tokencheck.loadtest;

import org.HdrHistogram.Histogram;

/** Latency percentiles of one run, in milliseconds. */
public record LatencySummary(long count, double mean, double p50, double p90, double p99, double p999, double max) {
    /** Summarises a histogram of nanoseconds. */
    public static LatencySummary of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(h.getTotalCount(), h.getMean() / 1e6, ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9),
                h.getMaxValue() / 1e6);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }
}
