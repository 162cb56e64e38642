package io.tokencheck.loadtest;

import java.util.Collection;

/**
 * Wrong decisions and lost requests over some runs, from their per-kind counts. Whether a request must be allowed
 * is its kind's expected status (200 or a deny), decided once, in {@link TokenKind}; a scenario decides which kind a
 * token is when it sends it (a valid token becomes retired_key once its key has left the JWKS).
 *
 * @param wrongAllows  requests of a deny kind answered 200
 * @param wrongDenies  requests of an allow kind answered anything but 200
 * @param wrongStatus  requests of a deny kind denied, but with another status than expected (e.g. 503 for 401)
 * @param errors       transport errors
 * @param lost         requests timed out or dropped (no answer: neither an allow nor a deny)
 * @param planned      requests planned
 */
public record DecisionTally(long wrongAllows, long wrongDenies, long wrongStatus, long errors, long lost, long planned) {
    /** The tally of these runs. */
    public static DecisionTally of(Collection<RunResult> runs) {
        long allows = 0;
        long denies = 0;
        long status = 0;
        long errors = 0;
        long lost = 0;
        long planned = 0;
        for (RunResult r : runs) {
            for (RunResult.KindCounts k : r.kinds().values()) {
                if (k.expectedStatus() == 200) {
                    denies += k.unexpected();
                } else {
                    allows += k.allowed();
                    status += k.unexpected() - k.allowed();
                }
            }
            errors += r.errors();
            lost += r.timeouts() + r.dropped();
            planned += r.planned();
        }
        return new DecisionTally(allows, denies, status, errors, lost, planned);
    }

    /**
     * At most 1 % of the requests lost: shared CI machines stall now and then, which may time out or drop a request;
     * more than that is a hung service.
     */
    public boolean lostWithinTolerance() {
        return lost * 100 <= planned;
    }
}
