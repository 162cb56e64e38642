package io.tokencheck.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerExtractorTest {
    private final BearerExtractor extractor = new BearerExtractor();

    @Test
    void noHeaderIsMissing() {
        assertThat(extractor.extract(List.of())).isInstanceOf(BearerToken.Missing.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.def.ghi", "bearer abc.def.ghi", "BEARER abc.def.ghi", "Bearer   abc.def.ghi  "})
    void schemeIsCaseInsensitiveAndSpacesAreTrimmed(String header) {
        assertThat(extractor.extract(List.of(header))).isEqualTo(new BearerToken.Found("abc.def.ghi"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearerabc.def.ghi", "Token abc", "",
            "Bearer abc def", "Bearer abc\u0000def", "Bearer a\"b", "Bearer a,Bearer b"})
    void malformedAuthorizationIsInvalid(String header) {
        assertThat(extractor.extract(List.of(header))).isInstanceOf(BearerToken.Invalid.class);
    }

    @Test
    void twoAuthorizationHeadersAreInvalid() {
        assertThat(extractor.extract(List.of("Bearer a.b.c", "Bearer a.b.c"))).isInstanceOf(BearerToken.Invalid.class);
    }
}
