package io.tokencheck.parse;

/**
 * Turns a JSON number literal (already grammar-checked) into whole epoch seconds, floored, without BigDecimal.
 * Only [0, 253402300799] (up to 9999-12-31T23:59:59Z) is accepted, so values beyond 2^63 or 2^64 can never wrap.
 */
final class NumericDate {
    /** 9999-12-31T23:59:59Z. */
    static final long MAX_SECONDS = 253_402_300_799L;
    /** Returned for a value that is negative or beyond {@link #MAX_SECONDS}. */
    static final long INVALID = -1;

    private static final int MAX_DIGITS = 12;
    /** Exponents are saturated here: far beyond anything that can still fit MAX_DIGITS. */
    private static final long EXPONENT_CAP = 1_000_000;

    private NumericDate() {
    }

    /** The floored seconds of the literal {@code json[start, end)}, or {@link #INVALID}. */
    static long seconds(byte[] json, int start, int end) {
        int i = start;
        boolean negative = json[i] == '-';
        if (negative) {
            i++;
        }
        int intStart = i;
        while (i < end && isDigit(json[i])) {
            i++;
        }
        int intLength = i - intStart;
        int fracStart = i;
        int fracLength = 0;
        if (i < end && json[i] == '.') {
            fracStart = ++i;
            while (i < end && isDigit(json[i])) {
                i++;
            }
            fracLength = i - fracStart;
        }
        long exponent = 0;
        if (i < end && (json[i] == 'e' || json[i] == 'E')) {
            i++;
            boolean negativeExponent = json[i] == '-';
            if (json[i] == '-' || json[i] == '+') {
                i++;
            }
            for (; i < end; i++) {
                if (exponent < EXPONENT_CAP) {
                    exponent = exponent * 10 + (json[i] - '0');
                }
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        // The digits are the integer digits followed by the fraction digits; the decimal point sits after
        // intLength + exponent of them. The floored value is the digits before the point.
        int total = intLength + fracLength;
        int firstNonZero = 0;
        while (firstNonZero < total && digit(json, intStart, intLength, fracStart, firstNonZero) == 0) {
            firstNonZero++;
        }
        if (firstNonZero == total) {
            return 0; // zero, however written (also -0)
        }
        if (negative) {
            return INVALID; // any non-zero negative value floors below zero
        }
        long point = intLength + exponent;
        if (point <= firstNonZero) {
            return 0; // 0.000ddd
        }
        if (point - firstNonZero > MAX_DIGITS) {
            return INVALID;
        }
        long value = 0;
        for (int k = firstNonZero; k < point; k++) {
            value = value * 10 + (k < total ? digit(json, intStart, intLength, fracStart, k) : 0);
        }
        return value <= MAX_SECONDS ? value : INVALID;
    }

    private static int digit(byte[] json, int intStart, int intLength, int fracStart, int k) {
        return (k < intLength ? json[intStart + k] : json[fracStart + k - intLength]) - '0';
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
