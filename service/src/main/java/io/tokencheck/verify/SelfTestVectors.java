package io.tokencheck.verify;

import io.tokencheck.keys.JwsAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * Known-good signatures for the provider self-test, one per algorithm, made once with the JDK's providers over
 * {@link #INPUT} (public keys and signatures only; the private keys were thrown away). Fixed vectors instead of
 * signing at start-up: key generation and cold JDK signing cost seconds on a busy machine. The HMAC secret serves
 * this self-test and nothing else.
 */
final class SelfTestVectors {
    /** The signed bytes: a JWS signing input. */
    static final byte[] INPUT = ("eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL3Rva2VuY2hlY2suc2VsZi10ZXN0Iiwic3Vi"
            + "Ijoic2VsZi10ZXN0In0").getBytes(StandardCharsets.US_ASCII);

    private static final String RSA_PUBLIC =
            "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA5+4n/7RNHDvchI0MY9CEjQW7+DAIGR0MoiepbelhltYglnJ3XCsjbAn2"
            + "jnxO4LKmj6kfx3oHef/sMB3Um6n1kC88cejrLUpbQRgDZGFzEP/XuIVtmyRk5RTeU/OZRYwTnzmu27fA9QJOo/XxIvhMvb7c0ggI"
            + "r19wGj5Ps6gh7kwc/8mCeDEFDI+83suhobDlk1wbEuVzTiPJLIBBi96tnmKbsjNXpyZkt3jX7InXfSXEDFdDDP/tDyy2N9j4SlIv"
            + "qAJmawG94S2UPOkK9nlmaLl6hEVj9awYy6Pcag5N3cN5w/acJRjLTGtDVdXztJQM/qTCdVGsNBONFaSRvwh8NQIDAQAB";
    private static final String P256_PUBLIC =
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE0meQAz9x/PupCNRQoal6Mlx4K3p50YbSj0NSSU0r6uVFRIaokMwLyzHLj+0eZW4A"
            + "4IEUWlos5nllc765bGaY3Q==";
    private static final String P384_PUBLIC =
            "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE6E46tTOM0fS69DeIK7Mx8qo6tAVrUPMyJ/zFJUy1/IeUPVvYZQKPVz4qKFlf2dd2+LAA"
            + "mYQpo0KaKaQJ9YpftAM+Z5vsqbwNY8nzNNLomJwRApQ5q4b0KCVy+oQeTWU0";
    private static final String P521_PUBLIC =
            "MIGbMBAGByqGSM49AgEGBSuBBAAjA4GGAAQBQ7ifWDH9QM0pZAfwXrFZy3uNMMvWWdoNwDhJmxyg4rFiWDpSINCD0nNQiP9oghZW"
            + "Mrf5jp8dR90p02NSDbqTdYgAGkcPmIslf6lLePt9iVRBPCRLeXmEvA4s8jGNj0PosE8D+9o5Wm348D04lcq6QyJu21kcs5MC/UlZ"
            + "PnO26WebdtE=";
    private static final String ED25519_PUBLIC =
            "MCowBQYDK2VwAyEAj6EIG56rD/d66KL3OJayAvB6pzm6lRE7pPwR9wmgIlo=";
    private static final String HMAC_SECRET =
            "qDtt2jDBqKQPdcIoz3u5LOHN/mb56hCcUGNU6YviVdYz9Lr5QYtunBsIdmn/HQgfFHMxR8pOI0EYAZz2x4vGgw==";
    private static final String RS256_SIGNATURE =
            "PdfWfMuURUpysTBSrSh3WTQZZAniH8ScDVjxohCX48fH+zt2tVSqOaHS40F0ymzACIoebU8875iuvk6dXEuL4jq/7MZSYt8pGvZI"
            + "PDW1p3gCFkyVK7yzxHEYU9+h1U0wBxj/YpHI2fU3jcn0Qjf46LjngxUDSsPWbXSe+pyHPn2KvUeHLut4whg62rtHHInrOItC9ub5"
            + "FQmV0p6ZYV4WWEixpNtzWAEelWp36S5hXHpj9C/sfxr19ABKYiiIUnpbKmWiBAvqFyM2Kpq1HFeFA8vVuVnoALNQR6EtpIys43bN"
            + "qlCc4UFWF19BARxfkRYpcmgdyQUylangfuAWtG+pPA==";
    private static final String RS384_SIGNATURE =
            "DJGYlNNVcJgdv6RlYci8C2Om2RsGCR8R9q22HfhWOHVBpZaQcQc2Q84j2VucQbJJY4prHyjAIbYNgPIGGKDG2m8KcsHzScoIn9eB"
            + "j0xIxLfrJ6J/AP/qDWD+f7NMHCqu4EcNxEtp2ynmN173kJil/pIXtmj2XiauZ6MPcwX4de+nDP4EeMWSWguuauPfUqPx1x7omH7A"
            + "92Y34nX8tF61ddbDgpxv2zQl1arYCSZmjEvZzYZYRXeTdBimnr4LJumnwPg7QdPCyXVwIs7yeyYIPXqbXk+OUDhlP/skef5zcy6D"
            + "VCEjTxUxUCYEiyxOGknhaci3xuWtX8hgM3MHWsCsQw==";
    private static final String RS512_SIGNATURE =
            "daphGDu4jLSipzjOe6JgzlkB1OPG0lkPTUyCeKj/zSHj8iNYbvU1dBd4tIcj45LSLU7NYgRJP+OxY1Z/CKry0QJcB+xeokJNJtQz"
            + "iD4eTQ89sVK/HvITeUfUsliJuHWIXn1PCNibjSiBZRRRthYoVKOZasYOqz8893cymBmesVlZQYqM/188kO6kGN/3Qx5kWiKo9FCc"
            + "eDR8uVseKaOcR5s/+1pWtWx2YYv/tT8lWEYOkfPxi8ubsr929Io689t7/5HEvmQodkqfO/6XM4zpoFLX6+elHqQmMJhwdX9UBZLY"
            + "35ckHSDrxkGZcS2kI1scuo7tcxLUm/ysGtAGrt/fLw==";
    private static final String PS256_SIGNATURE =
            "ycNwLmmY+AwYqKH3slGRvnFS2c/d6q1sk0JSIPmlsJBnrj6U+Vo7U4qfvjSMJcmPEmPdWrLBObd3/T0GTwmfDn+wZPz3Z/qjapYK"
            + "08pNuKxAp3ol8zDdoFjaeSOgJZ4MaaEJsACeT1wSDzyRvPdSBnFhbaG0Z2AOg7XZZaJQSj8Kgmsdj6tQvKCiFlOGvi6jR8I17Bvl"
            + "bL5YYWl8OPG7M9cF7dIsVdU6yDxIgPLcVtsUS9Oj06Ue/APKLIF1rsuRlFdGepfqfz/t9hp/Dr7TC6rVtFtJtrdrxSYiwLXSte/o"
            + "fzYrLkUUg3J0poeEScppdf6CdS7BUzxu3bQgIwmzNg==";
    private static final String PS384_SIGNATURE =
            "GM3yrZVdVegr9OaXSSW1E8lc3QjrSWKPj2S9tlvR9sCH1BAHSUJZzkswGG7xgtEtyOpx4p+TYeIlXW0hcxzW1CcBSHD+NyuKNYdN"
            + "S6jbL/RB4WYE6WTwI1NThriGMO0DFsuFClgk5wZaFDAsJk8NoJgBv8GZ4tdPwLXWZtzpNNIvobE/E95dbPi8i/+JcL1hVUQ6iJI2"
            + "ERZtPzoe0Hk2Ko5LK2xQz0o+Tj86+fEK3pVeqzH/QYlTYu7WQiQHpqQ4xTOXLJ33wtbLEWtlWvjJSoirtbjG0JfCHxFMP2PH2//A"
            + "7WopyMW+Ax9RSi2b04X5dtfHLnOPo8PlMIIR3SdhTQ==";
    private static final String PS512_SIGNATURE =
            "EUqwgmtvu6g9+VrNJxl3/Y11MHDqJa5fFIZuxsZCFsbpjFAu1NKQCtJIhPTUwtLn3y8xhQLEIc3YibURm+X553dMHLsjf23iRaLB"
            + "4fgOUwJJW6AKYe16FVK1BKke6ybhdbWk7+90bH9xrYMKjILg5MwS4EuwbrIf2Cix1pBM13AHUzb3Yuk7vqcHIIPGC/t01Nr1M2N/"
            + "cTnt3WNosCAOwGY/2juO0LjjjxKcm2XRReFvT3RgOXhZRXSSXTWaF9K3GvWBOtfihyWvtWbk+C5+l/e4NrKACTjH2OgBCZKsmHx4"
            + "z8y/aKwet1pzeSsLM8HG+T2Deusl0kOftP/TWplHxg==";
    private static final String ES256_SIGNATURE =
            "sXZANmorqxlQDqltnBEzA+VpmMneuZlH15E65bFuKc8cEesW0E9ZqK9g8xoVSgy9/v8X+IRgIyhOHFBwQleNiw==";
    private static final String ES384_SIGNATURE =
            "SiZfXn4nZnK43RVKr7B2vOrCTdjc67eCAAzV0vcHTpZ1FGqH0LgSp0DebvEcQxOo7nE+OBrSxYLz4WJBgG8hNl6WBGE7K1/Llw64"
            + "c8fKZaVjUwsFYnH3a6XPE4rmUD5y";
    private static final String ES512_SIGNATURE =
            "AQ/u4cwOTgyn6AIX/TefFwdY6pg6gYVo1jkZ9/BZuUuNWxHUM0YTTthKcUi6Td7ntGn+CYXEmVpLEQ9WLiTIsw+GAAMD38scDKbT"
            + "lXamBmenEC08koKc8SLG4DRZjJt65QvFt/FhTyzouZyR83MB63sxuuiAl/fCreNm6XL5xkAQSUVH";
    private static final String EdDSA_SIGNATURE =
            "bIFLAtROVVmX3LNAroLbLqX4gHEethtli523BFQ03apywkS3wc12neE0EOzOCznYoKwCQqubt92WPu1ZUlgvBQ==";
    private static final String HS256_SIGNATURE =
            "k99WNFO48MdW3cJSyKd9BUOs82RB6PzTGNUpW02KGzI=";
    private static final String HS384_SIGNATURE =
            "DH0tVyqRJU4UYL8QWp9w4xS1S8rHEAeZ50Mai9KhjnMqnoR+CrVnfQRrEioTtEie";
    private static final String HS512_SIGNATURE =
            "j9K59dRn9aduJu5jz0fsbZuBQZm9YjoIvUZH6MrOeT17tquBBPeMQRw0T7JK++Fhnq6oFUAAepqaq2d32mdTdQ==";

    private SelfTestVectors() {
    }

    /** The key that verifies this algorithm's vector (a JDK key object, as the JWKS layer makes them). */
    static Key key(JwsAlgorithm alg) throws GeneralSecurityException {
        return switch (alg.family()) {
            case RSA, RSA_PSS -> publicKey("RSA", RSA_PUBLIC);
            case EC -> publicKey("EC", switch (alg) {
                case ES256 -> P256_PUBLIC;
                case ES384 -> P384_PUBLIC;
                default -> P521_PUBLIC;
            });
            case OKP -> publicKey("Ed25519", ED25519_PUBLIC);
            case HMAC -> new SecretKeySpec(Base64.getDecoder().decode(HMAC_SECRET), alg.jcaName());
        };
    }

    /** The known-good signature of {@link #INPUT} for this algorithm (a fresh copy). */
    static byte[] signature(JwsAlgorithm alg) {
        return Base64.getDecoder().decode(switch (alg) {
            case RS256 -> RS256_SIGNATURE;
            case RS384 -> RS384_SIGNATURE;
            case RS512 -> RS512_SIGNATURE;
            case PS256 -> PS256_SIGNATURE;
            case PS384 -> PS384_SIGNATURE;
            case PS512 -> PS512_SIGNATURE;
            case ES256 -> ES256_SIGNATURE;
            case ES384 -> ES384_SIGNATURE;
            case ES512 -> ES512_SIGNATURE;
            case EdDSA -> EdDSA_SIGNATURE;
            case HS256 -> HS256_SIGNATURE;
            case HS384 -> HS384_SIGNATURE;
            case HS512 -> HS512_SIGNATURE;
        });
    }

    private static Key publicKey(String type, String x509) throws GeneralSecurityException {
        return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(x509)));
    }
}
