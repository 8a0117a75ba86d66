package dev.lstmtuner.store;

import java.time.Instant;

/**
 * Who coordinates a campaign: the lease's holder (null when none ever did, or it was released) and when it
 * expires by the store's clock; {@code live} = held and not yet expired, so nobody else may coordinate.
 */
public record Lease(String campaign, String holder, Instant expiresAt, boolean live) {
}
