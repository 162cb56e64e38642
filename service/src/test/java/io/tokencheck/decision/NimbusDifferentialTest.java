package io.tokencheck.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.KeySourceSettings;
import io.tokencheck.config.LimitSettings;
import io.tokencheck.config.ServerSettings;
import io.tokencheck.config.TokenCacheSettings;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.HmacSecretConverter;
import io.tokencheck.keys.JwkConverter;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.keys.KeyResolver;
import io.tokencheck.keys.KeySet;
import io.tokencheck.keys.VerificationKey;
import io.tokencheck.testing.NimbusReferenceVerifier;
import io.tokencheck.testing.TestSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Differential test: tokencheck's decision against the nimbus-jose-jwt reference on a large seeded set of valid
 * tokens of every algorithm (EdDSA through nimbus's Tink-based verifier) and of mutations of them. A disagreement fails the test unless it is one of the deliberate differences below, where
 * tokencheck is stricter than nimbus on purpose. tokencheck allowing what nimbus denies is never deliberate.
 * The set size is {@code -Dtokencheck.differential.count} (default 100000). Mutation kinds: replaced characters and
 * flipped bits in each part, padding and alphabet re-spellings, re-encoded segments (same bytes, other base64url;
 * same JSON, other serialisation), reordered, duplicated and escaped members, swapped signing keys, kids and
 * algorithms, stripped signatures, extra parts, and hostile JSON re-signed with the HMAC key.
 */
class NimbusDifferentialTest {

    /** The documented deliberate differences: tokencheck denies, nimbus allows. */
    enum Deliberate {
        NON_CANONICAL_BASE64URL("RFC 7515 section 2: base64url without padding, in the URL alphabet, with zero trailing bits; "
                + "nimbus decodes leniently, so one token has several spellings (jpadilla/pyjwt#676)"),
        DUPLICATE_MEMBER("RFC 7515 section 5.2 / RFC 7519 section 4: a duplicate member name (also when spelt with escapes) "
                + "is rejected, since parsers disagree on which one wins"),
        B64_HEADER("RFC 7797: the unencoded-payload option is never valid for a JWT, critical or not"),
        NUMERIC_DATE_RANGE("NumericDates beyond year 9999 or negative are rejected instead of being clamped or wrapped"),
        IAT_IN_FUTURE("an iat later than now + leeway is rejected; nimbus does not check iat"),
        KIDLESS_SEVERAL_KEYS("a token without kid is tried only when one key can verify it; nimbus tries every key");

        final String why;

        Deliberate(String why) {
            this.why = why;
        }
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String AUD = "api://default";
    private static final List<JwsAlgorithm> ALGS = List.of(JwsAlgorithm.RS256, JwsAlgorithm.PS256, JwsAlgorithm.ES256,
            JwsAlgorithm.ES384, JwsAlgorithm.EdDSA, JwsAlgorithm.HS256, JwsAlgorithm.HS512);

    /** One generated token and the mutation that made it. */
    private record Sample(String token, String kind) {
    }

    @Test
    void decisionsAgreeWithNimbusExceptForDocumentedDeliberateDifferences() throws Exception {
        int count = Integer.getInteger("tokencheck.differential.count", 100_000);
        long start = System.nanoTime();
        IssuerKit kit = IssuerKit.generate("https://issuer.example.test", Clock.systemUTC());
        TokenChecker ours = checker(kit);
        NimbusReferenceVerifier nimbus = new NimbusReferenceVerifier(kit, Set.copyOf(ALGS), AUD, 60, List.of("read"));

        Random random = new Random(20261203L);
        List<Sample> samples = generate(kit, random, count);
        long generated = System.nanoTime();
        Map<String, int[]> agreeByKind = new LinkedHashMap<>();
        Map<Deliberate, Integer> deliberate = new EnumMap<>(Deliberate.class);
        List<String> failures = new ArrayList<>();
        int allowed = 0;
        for (Sample s : samples) {
            boolean a = ours.check(s.token(), null) instanceof Decision.Allow;
            boolean b = nimbus.allows(s.token());
            agreeByKind.computeIfAbsent(s.kind(), k -> new int[2])[a == b ? 0 : 1]++;
            allowed += a ? 1 : 0;
            if (a == b) {
                continue;
            }
            Deliberate why = a ? null : classify(s, kit);
            if (why == null) {
                if (failures.size() < 20) {
                    failures.add(s.kind() + ": tokencheck " + (a ? "allows" : "denies " + ours.check(s.token(), null))
                            + ", nimbus " + (b ? "allows" : "denies") + ": " + s.token());
                }
            } else {
                deliberate.merge(why, 1, Integer::sum);
            }
        }
        long end = System.nanoTime();
        int disagreements = deliberate.values().stream().mapToInt(Integer::intValue).sum() + failures.size();
        System.out.println("differential: " + samples.size() + " tokens, " + allowed + " allowed, "
                + (samples.size() - disagreements) + " agreements; deliberate differences " + deliberate
                + "; generated in " + (generated - start) / 1_000_000 + " ms, decided (both verifiers) in "
                + (end - generated) / 1_000_000 + " ms; agree/disagree by kind " + summary(agreeByKind));
        assertThat(failures).as("undocumented disagreements").isEmpty();
        assertThat(samples.size()).isGreaterThanOrEqualTo(count);
        assertThat(allowed).as("the set holds valid tokens too").isGreaterThan(count / 20);
    }

    private static String summary(Map<String, int[]> byKind) {
        StringBuilder b = new StringBuilder();
        byKind.forEach((k, v) -> b.append(k).append('=').append(v[0]).append('/').append(v[1]).append(' '));
        return b.toString();
    }

    private static TokenChecker checker(IssuerKit kit) throws Exception {
        IssuerSettings issuer = TestSettings.withAlgorithms(TestSettings.issuer(kit.issuer(), AUD), Set.copyOf(ALGS));
        List<VerificationKey> keys = new ArrayList<>(new JwkConverter("d", Set.copyOf(ALGS)).convert(kit.publicJwksJson()).keys().keys());
        keys.addAll(HmacSecretConverter.convert("d", List.of(new KeySourceSettings.HmacSecret(IssuerKit.HMAC_KID, kit.hmacSecret())),
                JwsAlgorithm.hmacSet(), k -> { }).keys().keys());
        KeySet set = KeySet.of(keys);
        TokencheckConfig config = new TokencheckConfig(new ServerSettings("127.0.0.1", 0), new LimitSettings(8192, 65536), null,
                List.of(issuer), Map.of("default", TestSettings.scopes("default", "read")), "default", Map.of(),
                new TokenCacheSettings(0));
        return TokenChecker.fromConfig(config, i -> KeyResolver.of(set), Clock.systemUTC(), null);
    }

    /** Why a deny that nimbus does not share is deliberate, or null when it is not. */
    private static Deliberate classify(Sample s, IssuerKit kit) {
        String kind = s.kind().substring(s.kind().indexOf('/') + 1);
        String[] parts = s.token().split("\\.", -1);
        for (String p : parts) {
            if (!canonical(p)) {
                return Deliberate.NON_CANONICAL_BASE64URL;
            }
        }
        if (parts.length != 3) {
            return null;
        }
        String header = decode(parts[0]);
        String payload = decode(parts[1]);
        if (header == null || payload == null) {
            return null;
        }
        if (kind.startsWith("dup") || kind.startsWith("restructured/dup")) {
            return Deliberate.DUPLICATE_MEMBER;
        }
        if (kind.equals("b64-header")) {
            return Deliberate.B64_HEADER;
        }
        if (kind.equals("exp-huge") || kind.equals("nbf-negative")) {
            return Deliberate.NUMERIC_DATE_RANGE;
        }
        if (kind.equals("iat-future")) {
            return Deliberate.IAT_IN_FUTURE;
        }
        if (!header.contains("\"kid\"")) {
            return Deliberate.KIDLESS_SEVERAL_KEYS;
        }
        return null;
    }

    private static boolean canonical(String segment) {
        try {
            return B64.encodeToString(Base64.getUrlDecoder().decode(segment)).equals(segment);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String decode(String segment) {
        try {
            return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- generation ----

    private static List<Sample> generate(IssuerKit kit, Random r, int count) {
        List<Sample> out = new ArrayList<>(count + 64);
        long now = System.currentTimeMillis() / 1000;
        // Asymmetric signing is slow: a few hundred signed tokens, each mutated many times without re-signing.
        List<Sample> bases = new ArrayList<>();
        for (JwsAlgorithm alg : ALGS) {
            int n = alg.family() == JwsAlgorithm.Family.HMAC ? 200 : alg == JwsAlgorithm.RS256 ? 60 : 25;
            for (int i = 0; i < n; i++) {
                bases.add(claimVariant(kit, alg, r, now));
            }
        }
        out.addAll(bases);
        while (out.size() < count) {
            Sample base = bases.get(r.nextInt(bases.size()));
            boolean cheap = base.token().startsWith(hsPrefix());
            // Re-signing variants use HMAC only; JSON-level differences do not depend on the algorithm.
            int pick = r.nextInt(6);
            Sample m = pick < 2 ? resigned(kit, r, now) : pick == 2 ? restructured(kit, base, r, now) : mutate(base, r);
            if (!cheap && isAsymmetricSlow(m) && r.nextInt(4) != 0) {
                continue;
            }
            out.add(m);
        }
        return out;
    }

    private static String hsPrefix() {
        return "eyJhbGciOiJIUz";
    }

    private static boolean isAsymmetricSlow(Sample s) {
        return s.token().startsWith("eyJhbGciOiJFU");
    }

    private static Sample claimVariant(IssuerKit kit, JwsAlgorithm alg, Random r, long now) {
        var b = kit.token().alg(alg);
        String kind;
        switch (r.nextInt(10)) {
            case 0 -> { b.claim("exp", now - 120); kind = "expired"; }
            case 1 -> { b.claim("exp", now - 30); kind = "exp-in-leeway"; }
            case 2 -> { b.claim("nbf", now + 3600); kind = "nbf-future"; }
            case 3 -> { b.audience("api://other"); kind = "wrong-aud"; }
            case 4 -> { b.audience("api://other", AUD); kind = "aud-array"; }
            case 5 -> { b.claim("iss", "https://evil.example"); kind = "wrong-iss"; }
            case 6 -> { b.scope("write"); kind = "missing-scope"; }
            case 7 -> { b.claim("scope", null).claim("scp", List.of("read", "write")); kind = "scp-array"; }
            default -> kind = "valid";
        }
        return new Sample(b.sign(), alg.name() + "/" + kind);
    }

    private static Sample mutate(Sample base, Random r) {
        String t = base.token();
        int d1 = t.indexOf('.');
        int d2 = t.indexOf('.', d1 + 1);
        return switch (r.nextInt(13)) {
            case 9, 10 -> {
                // Flip one bit of the decoded bytes of a random part and re-encode it canonically.
                int part = r.nextInt(3);
                String[] p = t.split("\\.", -1);
                byte[] bytes = Base64.getUrlDecoder().decode(p[part]);
                if (bytes.length == 0) {
                    yield new Sample(t, "bitflip-empty");
                }
                int bit = r.nextInt(bytes.length * 8);
                bytes[bit / 8] ^= (byte) (1 << (bit % 8));
                p[part] = B64.encodeToString(bytes);
                yield new Sample(String.join(".", p), "bitflip-" + part);
            }
            case 11 -> {
                // The same bytes in another base64url spelling: padded, or with non-zero unused trailing bits.
                int part = r.nextInt(3);
                String[] p = t.split("\\.", -1);
                String seg = p[part];
                boolean pad = r.nextBoolean() || seg.length() % 4 == 0;
                if (pad) {
                    p[part] = Base64.getUrlEncoder().encodeToString(Base64.getUrlDecoder().decode(seg));
                    yield new Sample(String.join(".", p), p[part].equals(seg) ? "reencode-same-" + part : "reencode-padded-" + part);
                }
                String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
                int v = alphabet.indexOf(seg.charAt(seg.length() - 1));
                p[part] = seg.substring(0, seg.length() - 1) + alphabet.charAt(v ^ 1);
                yield new Sample(String.join(".", p), "reencode-trailing-bits-" + part);
            }
            case 12 -> {
                // Another token's signature on this token's signing input.
                String other = t.substring(0, d2 + 1) + t.substring(t.lastIndexOf('.') + 1).chars().map(c -> c == 'A' ? 'B' : c)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
                yield new Sample(other, "sig-shuffled");
            }
            case 0, 1, 2 -> {
                // Replace one character of a random segment with another base64url character.
                int part = r.nextInt(3);
                int from = part == 0 ? 0 : part == 1 ? d1 + 1 : d2 + 1;
                int to = part == 0 ? d1 : part == 1 ? d2 : t.length();
                if (to <= from) {
                    yield new Sample(t, "flip-empty");
                }
                int i = from + r.nextInt(to - from);
                String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
                char c = alphabet.charAt(r.nextInt(64));
                yield new Sample(t.substring(0, i) + c + t.substring(i + 1), "flip-" + part);
            }
            case 3 -> new Sample(t + "=", "pad");
            case 4 -> new Sample(t.replace('-', '+').replace('_', '/'), "std-alphabet");
            case 5 -> new Sample(t.substring(0, d2 + 1), "strip-signature");
            case 6 -> new Sample(t + ".", "extra-dot");
            case 7 -> new Sample(t.substring(0, d1) + "." + t.substring(d1 + 1, d2) + "." + t.substring(d2 + 1) + ".x.y", "five-parts");
            default -> new Sample(swapHeader(t, r), "swap-alg");
        };
    }

    /**
     * The base token's own header and claims, restructured and re-signed: members reordered, duplicated with the same
     * value, names spelt with escapes, or signed with another key, kid or algorithm of the kit. Re-signing uses the
     * kit's HMAC key except for the key/algorithm swaps, which keep to cheap algorithms (HS*, RS256).
     */
    private static Sample restructured(IssuerKit kit, Sample base, Random r, long now) {
        String[] p = base.token().split("\\.", -1);
        String payload = new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8);
        Map<String, Object> claims;
        try {
            claims = com.nimbusds.jose.util.JSONObjectUtils.parse(payload);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
        List<String> names = new ArrayList<>(claims.keySet());
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"hs-1\"}";
        String kind;
        switch (r.nextInt(8)) {
            case 0 -> {
                java.util.Collections.shuffle(names, r);
                payload = json(claims, names, null, false);
                kind = "reorder-claims";
            }
            case 1 -> {
                header = "{\"kid\":\"hs-1\",\"typ\":\"JWT\",\"alg\":\"HS256\"}";
                kind = "reorder-header";
            }
            case 2 -> {
                String dup = names.get(r.nextInt(names.size()));
                payload = json(claims, names, dup, false);
                kind = "dup-same-value-" + dup;
            }
            case 3 -> {
                payload = json(claims, names, null, true);
                kind = "escaped-names";
            }
            case 4 -> {
                header = "{\"\\u0061lg\":\"HS256\",\"typ\":\"JWT\",\"k\\u0069d\":\"hs-1\"}";
                kind = "escaped-header-names";
            }
            case 5 -> {
                // Signed by the PSS key, but the header names rsa-1: no key of that kid made the signature.
                String t = kit.token().rawPayload(payload).kid(IssuerKit.RSA_KID).signWith(IssuerKit.RSA_PSS_KID).sign();
                return new Sample(t, "swap-key");
            }
            case 6 -> {
                // The signature of one kid under another kid of the same type (header re-signed nowhere).
                String t = kit.token().rawPayload(payload).kid(IssuerKit.RSA_PSS_KID).signWith(IssuerKit.RSA_KID).sign();
                return new Sample(t, "swap-kid");
            }
            default -> {
                // Another allowed algorithm, properly signed: HS512 with the same secret (agrees), RS384 (not allowed).
                JwsAlgorithm alg = r.nextBoolean() ? JwsAlgorithm.HS512 : JwsAlgorithm.RS384;
                return new Sample(kit.token().alg(alg).rawPayload(payload).sign(), "swap-alg-resigned-" + alg.name());
            }
        }
        return new Sample(kit.token().alg(JwsAlgorithm.HS256).rawHeader(header).rawPayload(payload).sign(), "restructured/" + kind);
    }

    /** Claims as JSON in this member order; one member written twice (same value), or names spelt with escapes. */
    private static String json(Map<String, Object> claims, List<String> order, String duplicate, boolean escapeNames) {
        StringBuilder b = new StringBuilder("{");
        for (String n : order) {
            appendMember(b, n, claims.get(n), escapeNames);
            if (n.equals(duplicate)) {
                appendMember(b, n, claims.get(n), escapeNames);
            }
        }
        b.setCharAt(b.length() - 1, '}');
        return b.toString();
    }

    private static void appendMember(StringBuilder b, String name, Object value, boolean escapeName) {
        String quoted = com.nimbusds.jose.util.JSONObjectUtils.toJSONString(Map.of("x", name));
        String nameJson = quoted.substring(quoted.indexOf(':') + 1, quoted.length() - 1);
        if (escapeName && name.length() > 0) {
            nameJson = "\"" + String.format("\\u%04x", (int) name.charAt(0)) + nameJson.substring(2);
        }
        String v = com.nimbusds.jose.util.JSONObjectUtils.toJSONString(Map.of("x", value));
        b.append(nameJson).append(':').append(v, v.indexOf(':') + 1, v.length() - 1).append(',');
    }

    /** Keeps payload and signature but claims another algorithm in the header. */
    private static String swapHeader(String t, Random r) {
        JwsAlgorithm other = ALGS.get(r.nextInt(ALGS.size()));
        String header = "{\"alg\":\"" + other.name() + "\",\"typ\":\"JWT\",\"kid\":\"" + io.tokencheck.issuerkit.TokenBuilder.defaultKid(other) + "\"}";
        return B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + t.substring(t.indexOf('.'));
    }

    /** A correctly signed (HS256) token with hostile JSON in the header or payload. */
    private static Sample resigned(IssuerKit kit, Random r, long now) {
        String iss = kit.issuer();
        String goodHeader = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"hs-1\"}";
        String claims = "\"iss\":\"" + iss + "\",\"jti\":\"" + r.nextLong() + "\",\"sub\":\"u\",\"aud\":\"" + AUD + "\",\"exp\":" + (now + 300) + ",\"scope\":\"read\"";
        String header = goodHeader;
        String payload = "{" + claims + "}";
        String kind;
        switch (r.nextInt(16)) {
            case 0 -> { header = "{\"alg\":\"HS256\",\"alg\":\"none\",\"kid\":\"hs-1\"}"; kind = "dup-alg"; }
            case 1 -> { header = "{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"\\u0061lg\":\"none\"}"; kind = "dup-escaped-alg"; }
            case 2 -> { payload = "{" + claims + ",\"iss\":\"https://evil.example\"}"; kind = "dup-iss"; }
            case 3 -> { payload = "{\"iss\":\"https://evil.example\"," + claims + "}"; kind = "dup-iss-first"; }
            case 4 -> { payload = "{" + claims.replace("\"exp\":" + (now + 300), "\"exp\":\"" + (now + 300) + "\"") + "}"; kind = "exp-string"; }
            case 5 -> { payload = "{" + claims.replace("\"exp\":" + (now + 300), "\"exp\":" + (now + 300) + ".75") + "}"; kind = "exp-fraction"; }
            case 6 -> { payload = "{" + claims.replace("\"exp\":" + (now + 300), "\"exp\":1e30") + "}"; kind = "exp-huge"; }
            case 7 -> { payload = "{" + claims.replace("\"aud\":\"" + AUD + "\"", "\"aud\":[[\"" + AUD + "\"]]") + "}"; kind = "aud-nested"; }
            case 8 -> { payload = "{" + claims.replace("https://", "https:\\/\\/") + "}"; kind = "iss-escaped-slash"; }
            case 9 -> { payload = " \n{" + claims + "}\t "; kind = "json-whitespace"; }
            case 10 -> { header = "{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"crit\":[\"exp\"],\"exp\":1}"; kind = "crit"; }
            case 11 -> { header = "{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"b64\":false}"; kind = "b64-header"; }
            case 12 -> { payload = "[" + "{" + claims + "}" + "]"; kind = "payload-array"; }
            case 13 -> { payload = "{" + claims + ",\"iat\":" + (now + 3600) + "}"; kind = "iat-future"; }
            case 14 -> { header = "{\"alg\":\"HS256\",\"kid\":\"hs-1\",\"jku\":\"https://evil.example/jwks\",\"x5u\":\"https://evil.example/x\"}"; kind = "jku"; }
            default -> { payload = "{" + claims + ",\"nbf\":-5}"; kind = "nbf-negative"; }
        }
        return new Sample(kit.token().alg(JwsAlgorithm.HS256).rawHeader(header).rawPayload(payload).sign(), "resigned/" + kind);
    }
}
