package io.tokencheck.keys;

import java.time.Duration;

/** Configured HMAC secrets: converted once, never refreshed. */
final class HmacSource implements KeySource {
    private final FetchOutcome outcome;
    private final int count;

    HmacSource(ConvertedKeys converted, Duration freshFor) {
        this.count = converted.keys().size() + converted.skipped().size();
        this.outcome = converted.keys().isEmpty()
                ? new FetchOutcome.Failed("none of the " + count + " configured HMAC secrets is usable")
                : new FetchOutcome.Fetched(converted.keys(), freshFor);
    }

    @Override
    public FetchOutcome fetch() {
        return outcome;
    }

    @Override
    public boolean refreshes() {
        return false;
    }

    @Override
    public String description() {
        return count + " configured HMAC secret(s)";
    }
}
