package io.tokencheck.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameIndexTest {

    /** A reader positioned after the first member name of {@code json}. */
    private static JsonReader afterFirstName(String json) {
        JsonReader reader = new JsonReader(json.getBytes(StandardCharsets.UTF_8), "payload");
        reader.beginObject();
        assertThat(reader.nextMember()).isTrue();
        return reader;
    }

    @Test
    void findsEachNameByItsIndex() {
        NameIndex index = new NameIndex(List.of("iss", "sub", "client_id"));
        assertThat(index.indexOf(afterFirstName("{\"iss\":1}"))).isZero();
        assertThat(index.indexOf(afterFirstName("{\"client_id\":1}"))).isEqualTo(2);
        assertThat(index.name(1)).isEqualTo("sub");
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void findsEscapedSpellingsOfAName() {
        NameIndex index = new NameIndex(List.of("alg"));
        assertThat(index.indexOf(afterFirstName("{\"\\u0061l\\u0067\":1}"))).isZero();
    }

    @Test
    void unknownAndNearNamesAreNotFound() {
        NameIndex index = new NameIndex(List.of("alg", "kid"));
        assertThat(index.indexOf(afterFirstName("{\"alg \":1}"))).isEqualTo(-1);
        assertThat(index.indexOf(afterFirstName("{\"ALG\":1}"))).isEqualTo(-1);
        assertThat(index.indexOf(afterFirstName("{\"al\":1}"))).isEqualTo(-1);
        assertThat(index.indexOf(afterFirstName("{\"\":1}"))).isEqualTo(-1);
    }

    @Test
    void namesWithTheSameStringHashAreToldApart() {
        // "Aa" and "BB" share String.hashCode.
        NameIndex index = new NameIndex(List.of("Aa", "BB"));
        assertThat(index.indexOf(afterFirstName("{\"Aa\":1}"))).isZero();
        assertThat(index.indexOf(afterFirstName("{\"BB\":1}"))).isEqualTo(1);
    }

    @Test
    void refusesDuplicateNames() {
        assertThatThrownBy(() -> new NameIndex(List.of("a", "a"))).isInstanceOf(IllegalArgumentException.class);
    }
}
