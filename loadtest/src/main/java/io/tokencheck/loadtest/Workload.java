package io.tokencheck.loadtest;

import java.util.Random;

/** Where a run's tokens come from: minted on the spot with the issuer kit, or read from a token file. */
public sealed interface Workload permits MintedWorkload, FileWorkload {
    /** count requests drawn from the mix; unique tokens are never repeated unless the source runs out (counted). */
    Plan plan(Mix mix, int count, Random random);
}
