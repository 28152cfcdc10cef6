package dev.baton.people;

import dev.baton.platform.SortOrder;
import java.time.Instant;

/** Contact filters; null means "any". {@code text} matches email, names and company. */
public record ContactQuery(String text, Long accountId, LifecycleStage stage, String country, Long ownerId,
        Instant updatedSince, SortOrder<Sort> order) {

    public enum Sort { CREATED, UPDATED, NAME, EMAIL, COMPANY, STAGE, COUNTRY }
}
