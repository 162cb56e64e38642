package io.tokencheck.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FreshnessTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final Freshness freshness = new Freshness(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(24));

    private Duration of(String... nameValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.computeIfAbsent(nameValues[i], k -> new java.util.ArrayList<>()).add(nameValues[i + 1]);
        }
        return freshness.of(HttpHeaders.of(map, (a, b) -> true), NOW);
    }

    private static String httpDate(Instant i) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(i.atZone(ZoneOffset.UTC));
    }

    @Test
    void maxAgeWithinBoundsIsUsed() {
        assertThat(of("Cache-Control", "public, max-age=600")).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void maxAgeIsClampedIntoBounds() {
        assertThat(of("Cache-Control", "max-age=5")).isEqualTo(Duration.ofMinutes(1));
        assertThat(of("Cache-Control", "max-age=31536000")).isEqualTo(Duration.ofHours(24));
        assertThat(of("Cache-Control", "max-age=99999999999999999999999")).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void noStoreAndNoCacheMeanTheShortestLifetime() {
        assertThat(of("Cache-Control", "no-store")).isEqualTo(Duration.ofMinutes(1));
        assertThat(of("Cache-Control", "max-age=3600, no-cache")).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void sMaxAgeIsIgnored() {
        assertThat(of("Cache-Control", "s-maxage=3600")).isEqualTo(Duration.ofMinutes(5));
        assertThat(of("Cache-Control", "s-maxage=3600, max-age=120")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void unusableMaxAgeFallsBackToTheDefault() {
        assertThat(of("Cache-Control", "max-age=soon")).isEqualTo(Duration.ofMinutes(5));
        assertThat(of("Cache-Control", "max-age=-5")).isEqualTo(Duration.ofMinutes(5));
        assertThat(of()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void expiresIsUsedWithoutMaxAge() {
        assertThat(of("Expires", httpDate(NOW.plusSeconds(1800)))).isEqualTo(Duration.ofMinutes(30));
        assertThat(of("Date", httpDate(NOW.minusSeconds(600)), "Expires", httpDate(NOW.plusSeconds(1200))))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(of("Cache-Control", "max-age=120", "Expires", httpDate(NOW.plusSeconds(1800))))
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void invalidOrPastExpiresMeansTheShortestLifetime() {
        assertThat(of("Expires", "0")).isEqualTo(Duration.ofMinutes(1));
        assertThat(of("Expires", httpDate(NOW.minusSeconds(60)))).isEqualTo(Duration.ofMinutes(1));
    }
}
