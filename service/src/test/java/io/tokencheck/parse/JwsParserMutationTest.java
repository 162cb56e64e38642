package io.tokencheck.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.reason.DenyReason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The robustness guard: seeded random mutations of a valid token, at the char level and at the JSON byte level,
 * must always produce a result (never an exception), with a failure reason the parser may give.
 */
class JwsParserMutationTest {
    private static final long SEED = 0x7E57_7043_4E5EL;
    private static final int MUTATIONS = 20_000;
    private static final Set<DenyReason> PARSE_REASONS = EnumSet.of(DenyReason.TOKEN_TOO_LARGE,
            DenyReason.TOKEN_MALFORMED, DenyReason.HEADER_UNSUPPORTED, DenyReason.CLAIM_INVALID);
    private static final String CHARS = "ABCXYZabcxyz0189-_.=+/ \t\n%\u00e9\u0000\u20ac";
    private static final byte[] JSON_BYTES = {'"', '\\', '{', '}', '[', ']', ',', ':', '0', '9', '-', '+', 'e', '.', ' ',
            'u', 'n', 't', 'f', (byte) 0x80, (byte) 0xC0, (byte) 0xC3, (byte) 0xE0, (byte) 0xED, (byte) 0xF0,
            (byte) 0xF4, (byte) 0xFF, 0x00, 0x1F};
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Test
    void randomMutationsNeverThrowAndStayWithinTheLengthBound() {
        String valid = IssuerKit.generate("https://issuer.example.test").token()
                .header("x5c", new String[] {"MIIB", "MIIC"})
                .audience("api://default", "api://other")
                .claim("scp", new String[] {"read", "write"})
                .claim("profile", java.util.Map.of("name", "J\u00f6rg \ud83d\ude00", "tags", java.util.List.of(1, 2.5, true)))
                .sign();
        int limit = valid.length() + 8;
        JwsParser parser = new JwsParser(new ParseOptions(limit, Set.of("scope", "scp", "profile")));
        assertThat(parser.parse(valid)).isInstanceOf(ParsedToken.class);

        Random random = new Random(SEED);
        EnumSet<DenyReason> seen = EnumSet.noneOf(DenyReason.class);
        int parsedCount = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            String token = mutate(valid, random);
            ParseResult result = parser.parse(token);
            assertThat(result).as("mutation %d", i).isNotNull();
            if (token.length() > limit) {
                assertThat(result).as("mutation %d", i)
                        .isEqualTo(new ParseFailure(DenyReason.TOKEN_TOO_LARGE, "token too large"));
            }
            if (result instanceof ParsedToken parsed) {
                parsedCount++;
                assertThat(token.length()).isLessThanOrEqualTo(limit);
                assertThat(parsed.header().alg()).isNotNull();
                assertThat(parsed.signingInput()).hasSize(nthDot(token, 2));
            } else {
                ParseFailure failure = (ParseFailure) result;
                assertThat(failure.reason()).as("mutation %d", i).isIn(PARSE_REASONS);
                // parse() turns an internal exception into this detail; a mutation must never reach it.
                assertThat(failure.detail()).as("mutation %d", i).isNotEqualTo("unparseable token");
                assertThat(failure.detail()).as("mutation %d", i).isNotBlank().hasSizeLessThan(64)
                        .doesNotContain(valid.substring(0, 12));
                seen.add(failure.reason());
            }
        }
        // The mutations must reach every outcome, or the guard is not exercising the parser.
        assertThat(seen).containsAll(PARSE_REASONS);
        assertThat(parsedCount).isPositive();
    }

    private static int nthDot(String token, int n) {
        int dot = -1;
        for (int k = 0; k < n; k++) {
            dot = token.indexOf('.', dot + 1);
        }
        return dot;
    }

    private static String mutate(String token, Random random) {
        int rounds = 1 + random.nextInt(3);
        String out = token;
        for (int r = 0; r < rounds; r++) {
            out = random.nextBoolean() ? mutateChars(out, random) : mutateJson(out, random);
        }
        return out;
    }

    private static String mutateChars(String token, Random random) {
        if (token.isEmpty()) {
            return String.valueOf(CHARS.charAt(random.nextInt(CHARS.length())));
        }
        StringBuilder s = new StringBuilder(token);
        int at = random.nextInt(s.length());
        char c = CHARS.charAt(random.nextInt(CHARS.length()));
        switch (random.nextInt(6)) {
            case 0 -> s.setCharAt(at, c);
            case 1 -> s.deleteCharAt(at);
            case 2 -> s.insert(at, c);
            case 3 -> s.setLength(at);
            case 4 -> s.insert(at, s, at, Math.min(s.length(), at + 1 + random.nextInt(12)));
            default -> s.setCharAt(at, (char) random.nextInt(0x10000));
        }
        return s.toString();
    }

    /** Changes the decoded header or payload bytes and re-encodes them, so the JSON reader sees the damage. */
    private static String mutateJson(String token, Random random) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return mutateChars(token, random);
        }
        int segment = random.nextInt(2);
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(parts[segment]);
        } catch (IllegalArgumentException notBase64) {
            return mutateChars(token, random);
        }
        if (json.length == 0) {
            return mutateChars(token, random);
        }
        int at = random.nextInt(json.length);
        byte b = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : JSON_BYTES[random.nextInt(JSON_BYTES.length)];
        byte[] changed = switch (random.nextInt(4)) {
            case 0 -> {
                byte[] copy = json.clone();
                copy[at] = b;
                yield copy;
            }
            case 1 -> splice(json, at, 1, new byte[0]);
            case 2 -> splice(json, at, 0, new byte[] {b});
            default -> splice(json, 1, 0, memberNoise(random)); // right after the '{': still valid JSON
        };
        parts[segment] = B64.encodeToString(changed);
        return String.join(".", parts);
    }

    /** Members that hit the registered and named claims and the header members. */
    private static byte[] memberNoise(Random random) {
        String[] fragments = {"\"exp\":1e3,", "\"aud\":[[\"a\"]],", "\"crit\":[],", "\"b64\":false,", "\"nbf\":-1,",
                "\"alg\":1,", "\"scp\":[\"a\",1],", "\"iss\":null,", "\"\\u0061lg\":\"x\",", "\"enc\":\"A\",",
                "\"exp\":18446744075476773616,", "\"deep\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],"};
        return fragments[random.nextInt(fragments.length)].getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        byte[] out = new byte[in.length - remove + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
        return out;
    }
}
