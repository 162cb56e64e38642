package io.tokencheck.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.config.KeySourceSettings.HmacSecret;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class HmacSecretConverterTest {

    private static byte[] secret(int length) {
        byte[] s = new byte[length];
        for (int i = 0; i < length; i++) {
            s[i] = (byte) (i * 7 + 1);
        }
        return s;
    }

    private static ConvertedKeys convert(int length, Set<JwsAlgorithm> allowed) {
        return HmacSecretConverter.convert("test", List.of(new HmacSecret("hs", secret(length))), allowed, k -> { });
    }

    @Test
    void secretServesOnlyAlgorithmsWhoseHashFitsInIt() {
        assertThat(convert(32, Set.of()).keys().keys().get(0).algorithms()).containsExactly(JwsAlgorithm.HS256);
        assertThat(convert(48, Set.of()).keys().keys().get(0).algorithms())
                .containsExactlyInAnyOrder(JwsAlgorithm.HS256, JwsAlgorithm.HS384);
        assertThat(convert(64, Set.of()).keys().keys().get(0).algorithms())
                .containsExactlyInAnyOrder(JwsAlgorithm.HS256, JwsAlgorithm.HS384, JwsAlgorithm.HS512);
    }

    @Test
    void secretShorterThan32BytesIsSkippedAndReported() {
        List<SkippedKey> seen = new ArrayList<>();

        ConvertedKeys c = HmacSecretConverter.convert("test", List.of(new HmacSecret("short", secret(31))), Set.of(),
                seen::add);

        assertThat(c.keys().isEmpty()).isTrue();
        assertThat(seen).containsExactly(new SkippedKey("short", SkipReason.HMAC_SECRET_TOO_SHORT, "31 bytes"));
    }

    @Test
    void issuerAllowListAppliesToSecrets() {
        assertThat(convert(64, EnumSet.of(JwsAlgorithm.HS512)).keys().keys().get(0).algorithms())
                .containsExactly(JwsAlgorithm.HS512);
        assertThat(convert(32, EnumSet.of(JwsAlgorithm.HS512)).skipped()).extracting(SkippedKey::reason)
                .containsExactly(SkipReason.NO_ALLOWED_ALG);
        assertThat(convert(64, EnumSet.of(JwsAlgorithm.RS256)).skipped()).extracting(SkippedKey::reason)
                .containsExactly(SkipReason.NO_ALLOWED_ALG);
    }

    @Test
    void keyHoldsTheSecretAndThumbprintIsAShortDigest() throws Exception {
        VerificationKey k = convert(40, Set.of()).keys().keys().get(0);

        assertThat(k.kid()).isEqualTo("hs");
        assertThat(((SecretKey) k.key()).getEncoded()).isEqualTo(secret(40));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret(40));
        assertThat(k.thumbprint()).isEqualTo(HexFormat.of().formatHex(digest, 0, 8)).hasSize(16);
    }
}
