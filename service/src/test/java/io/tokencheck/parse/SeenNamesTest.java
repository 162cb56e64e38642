package io.tokencheck.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeenNamesTest {

    /** Feeds every top-level member name of {@code json} to one SeenNames; the add results in order. */
    private static List<Boolean> addAll(String json) {
        JsonReader reader = new JsonReader(json.getBytes(StandardCharsets.UTF_8), "payload");
        SeenNames seen = new SeenNames();
        List<Boolean> added = new ArrayList<>();
        reader.beginObject();
        while (reader.nextMember()) {
            added.add(seen.add(reader));
            reader.skipValue();
        }
        return added;
    }

    @Test
    void secondOccurrenceIsReported() {
        assertThat(addAll("{\"x\":1,\"y\":2,\"x\":3}")).containsExactly(true, true, false);
    }

    @Test
    void escapedSpellingIsTheSameName() {
        assertThat(addAll("{\"x-1\":1,\"\\u0078\\u002d1\":2}")).containsExactly(true, false);
    }

    @Test
    void stringHashCollisionsAreDistinctNames() {
        assertThat(addAll("{\"AaAa\":1,\"BBBB\":2,\"AaBB\":3,\"BBAa\":4,\"BBBB\":5}"))
                .containsExactly(true, true, true, true, false);
    }

    @Test
    void prefixesAndEmptyNamesAreDistinct() {
        assertThat(addAll("{\"\":1,\"a\":2,\"ab\":3,\"\":4}")).containsExactly(true, true, true, false);
    }

    @Test
    void manyNamesSurviveGrowth() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 900; i++) {
            json.append("\"name-").append(i).append("\":0,");
        }
        json.append("\"name-450\":0}");
        List<Boolean> added = addAll(json.toString());
        assertThat(added.subList(0, 900)).containsOnly(true);
        assertThat(added.get(900)).isFalse();
    }
}
