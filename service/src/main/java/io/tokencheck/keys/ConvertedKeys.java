package io.tokencheck.keys;

import java.util.List;

/**
 * The result of converting published keys or configured secrets.
 *
 * @param keys    the usable keys
 * @param skipped the keys that were left out, and why
 */
public record ConvertedKeys(KeySet keys, List<SkippedKey> skipped) {
    /** Defensive copy. */
    public ConvertedKeys {
        skipped = List.copyOf(skipped);
    }
}
