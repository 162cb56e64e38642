package io.tokencheck.verify;

import io.tokencheck.keys.JwsAlgorithm;
import java.security.GeneralSecurityException;
import java.nio.charset.StandardCharsets;
import java.security.Provider;

/**
 * Checks at start-up that a provider really verifies before it is trusted with an algorithm: a known-good signature
 * made by the JDK ({@link SelfTestVectors}) must verify through tokencheck's own verifier path, and a changed
 * signature or input must not.
 */
final class ProviderSelfTest {
    /** True when the provider verifies the good signature of this algorithm and rejects bad ones. Never throws. */
    boolean passes(JwsAlgorithm alg, Provider provider) {
        try {
            byte[] input = SelfTestVectors.INPUT;
            byte[] sig = SelfTestVectors.signature(alg);
            KeyVerifier v = KeyVerifiers.prepare(alg, SelfTestVectors.key(alg), provider, 2);
            byte[] badSig = sig.clone();
            badSig[badSig.length / 2] ^= 0x01;
            byte[] badInput = input.clone();
            badInput[badInput.length - 1] ^= 0x01;
            // Twice the good one: the pooled object must be reusable after an answer either way. The last one goes
            // through the chunked path that tokens take.
            SigningInput asText = SigningInput.ofAscii(new String(input, StandardCharsets.US_ASCII), input.length);
            return v.verify(input, sig) && !v.verify(input, badSig) && !v.verify(badInput, sig) && v.verify(asText, sig);
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
