package io.tokencheck.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64UrlTest {

    private static byte[] decode(String s) {
        return Base64Url.decode(s, 0, s.length());
    }

    @Test
    void decodesWhatTheJdkUrlEncoderWritesForEveryLength() {
        Random random = new Random(7515);
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        for (int length = 0; length <= 70; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertThat(decode(encoder.encodeToString(bytes))).as("length %d", length).isEqualTo(bytes);
        }
    }

    @Test
    void decodesTheWholeAlphabet() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        assertThat(decode(alphabet)).isEqualTo(Base64.getUrlDecoder().decode(alphabet));
    }

    @Test
    void decodesOnlyTheGivenRange() {
        assertThat(Base64Url.decode("xx.YWJj.yy", 3, 7)).isEqualTo("abc".getBytes());
    }

    @Test
    void emptyRangeIsEmptyBytes() {
        assertThat(decode("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "YQ==", "YQ=", "YWI=", "=", // padding
            "a+b/", "YW+j", "YW/j", // standard alphabet
            "YW j", " YWJj", "YWJj\n", "YW\tj", // whitespace
            "Y", "YWJjZ", "YWJjZGVmZ", // length % 4 == 1
            "YWJj.", "YW%j", "YW\u00e9j", "YW\u0000j", "YWJ\uff41", // foreign chars
    })
    void rejectsAnythingButUnpaddedBase64url(String text) {
        assertThat(decode(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"YR", "YX", "Y_", "YWJ", "YWL", "YWJjZH", "YWJjZGX"})
    void rejectsNonCanonicalTrailingBits(String text) {
        assertThat(decode(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"YQ", "YWI", "YWJjZA", "YWJjZGU"})
    void acceptsCanonicalTrailingBits(String text) {
        assertThat(decode(text)).isEqualTo(Base64.getUrlDecoder().decode(text));
    }
}
