package io.tokencheck.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A provider whose Signature keeps its buffered input when verify throws (the JCA contract says nothing about that
 * state): a pooled object that threw must never serve the next request, or its leftovers would change the answer.
 */
class PooledStateAfterFailureTest {
    private static final byte[] GOOD = "good".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXPLODE = "explode".getBytes(StandardCharsets.US_ASCII);

    /** Verifies "good" with any 256-byte signature; throws on "explode" without clearing what it buffered. */
    public static class LeakyStateSignature extends SignatureSpi {
        private final ByteArrayOutputStream buffered = new ByteArrayOutputStream();

        @Override
        protected void engineInitVerify(PublicKey publicKey) {
            buffered.reset();
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            throw new InvalidKeyException("verify only");
        }

        @Override
        protected void engineUpdate(byte b) {
            buffered.write(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            buffered.write(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            throw new SignatureException("verify only");
        }

        @Override
        protected boolean engineVerify(byte[] sig) throws SignatureException {
            byte[] seen = buffered.toByteArray();
            if (Arrays.equals(seen, EXPLODE)) {
                throw new SignatureException("boom"); // and the buffer still holds "explode"
            }
            buffered.reset();
            return Arrays.equals(seen, GOOD);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            return null;
        }
    }

    private static final class LeakyProvider extends Provider {
        LeakyProvider() {
            super("LeakyTest", "1", "a Signature that keeps state after throwing");
            putService(new Service(this, "Signature", "SHA256withRSA", LeakyStateSignature.class.getName(), null, null) {
                @Override
                public Object newInstance(Object param) {
                    return new LeakyStateSignature();
                }
            });
        }
    }

    @Test
    void aPooledSignatureThatThrewIsDroppedAndTheNextRequestGetsACleanOne() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PublicKey key = g.generateKeyPair().getPublic();
        SignatureKeyVerifier v = (SignatureKeyVerifier) KeyVerifiers.prepare(
                io.tokencheck.keys.JwsAlgorithm.RS256, key, new LeakyProvider(), 1);
        byte[] sig = new byte[256];

        assertThat(v.verify(GOOD, sig)).isTrue();
        assertThat(v.pool().size()).isEqualTo(1);
        assertThat(v.verify(EXPLODE, sig)).isFalse();
        assertThat(v.pool().size()).as("the object that threw is not pooled again").isZero();
        assertThat(v.verify(GOOD, sig)).as("a fresh object, not one holding 'explode'").isTrue();
        assertThat(v.pool().size()).isEqualTo(1);
    }

    @Test
    void aFalseAnswerReturnsTheObjectInItsInitialisedState() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        SignatureKeyVerifier v = (SignatureKeyVerifier) KeyVerifiers.prepare(
                io.tokencheck.keys.JwsAlgorithm.RS256, g.generateKeyPair().getPublic(), new LeakyProvider(), 1);
        byte[] sig = new byte[256];
        assertThat(v.verify("bad".getBytes(StandardCharsets.US_ASCII), sig)).isFalse();
        assertThat(v.pool().size()).isEqualTo(1);
        assertThat(v.verify(GOOD, sig)).isTrue();
    }

    @Test
    void theSelfTestRejectsAProviderThatSaysYesToEverything() {
        Provider liar = new Provider("LiarTest", "1", "verifies anything") {
            {
                putService(new Service(this, "Signature", "SHA256withRSA", "liar", null, null) {
                    @Override
                    public Object newInstance(Object param) {
                        return new LeakyStateSignature() {
                            @Override
                            protected boolean engineVerify(byte[] sig) {
                                return true;
                            }
                        };
                    }
                });
            }
        };
        ProviderSelfTest selfTest = new ProviderSelfTest();
        assertThat(selfTest.passes(io.tokencheck.keys.JwsAlgorithm.RS256, liar)).isFalse();
        assertThat(selfTest.passes(io.tokencheck.keys.JwsAlgorithm.RS256, new LeakyProvider())).isFalse();
        assertThat(selfTest.passes(io.tokencheck.keys.JwsAlgorithm.RS256, ProviderCandidate.JDK.load(io.tokencheck.keys.JwsAlgorithm.RS256)))
                .isTrue();
    }
}
