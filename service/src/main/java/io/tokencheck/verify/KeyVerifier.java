package io.tokencheck.verify;

import java.security.GeneralSecurityException;

/** One key made ready for one algorithm with one provider: the per-request part of a signature check. */
sealed interface KeyVerifier permits SignatureKeyVerifier, MacKeyVerifier, KeyVerifier.Unusable {
    /**
     * True only when the signature over the input is valid.
     *
     * @throws GeneralSecurityException when the provider cannot build a verifier (an invalid signature)
     */
    boolean verify(SigningInput signingInput, byte[] signature) throws GeneralSecurityException;

    /** {@link #verify(SigningInput, byte[])} over these bytes. */
    default boolean verify(byte[] signingInput, byte[] signature) throws GeneralSecurityException {
        return verify(SigningInput.of(signingInput), signature);
    }

    /** The name of the provider that verifies. */
    String providerName();

    /** A key no provider could use for the algorithm (wrong type, wrong curve): nothing verifies. */
    enum Unusable implements KeyVerifier {
        /** The one instance. */
        INSTANCE;

        @Override
        public boolean verify(SigningInput signingInput, byte[] signature) {
            return false;
        }

        @Override
        public String providerName() {
            return "none";
        }
    }
}
