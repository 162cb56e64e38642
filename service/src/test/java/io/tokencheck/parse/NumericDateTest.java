package io.tokencheck.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumericDateTest {

    private static long seconds(String literal) {
        byte[] bytes = ("[" + literal + "]").getBytes(StandardCharsets.US_ASCII);
        return NumericDate.seconds(bytes, 1, bytes.length - 1);
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "1, 1",
            "1700000000, 1700000000",
            "253402300799, 253402300799",
            "1.5, 1",
            "1.999, 1",
            "0.5, 0",
            "1e3, 1000",
            "1E3, 1000",
            "1e+3, 1000",
            "1.5e1, 15",
            "1.999e2, 199",
            "17e-1, 1",
            "1e-3, 0",
            "0.0001e4, 1",
            "2.53402300799e11, 253402300799",
            "1700000000.000001, 1700000000",
            "0e999999999999, 0",
            "-0, 0",
            "-0.0e5, 0",
            "1e-99999999999999999999, 0",
    })
    void floorsToWholeSeconds(String literal, long expected) {
        assertThat(seconds(literal)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "-1",
            "-0.5",
            "-1e-9",
            "253402300800",
            "253402300799.5e1",
            "1e12",
            "1e20",
            "9223372036854775807",
            "9223372036854775808", // 2^63
            "18446744073709551616", // 2^64
            "18446744075476773616", // wraps to a time in the past if read into a long
            "1e99999999999999999999",
            "100000000000000000000000000000000000000000",
    })
    void rejectsNegativeAndBeyondYear9999(String literal) {
        assertThat(seconds(literal)).isEqualTo(NumericDate.INVALID);
    }
}
