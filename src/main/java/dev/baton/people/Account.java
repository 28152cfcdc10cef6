package dev.baton.people;

import java.time.Instant;

/** A company (B2B buying unit). Revenue is in whole units of the reporting currency. */
public record Account(long id, String name, String domain, String industry, Integer employees, Long annualRevenue,
        String region, String country, Long ownerId, Instant createdAt, Instant updatedAt) {
}
