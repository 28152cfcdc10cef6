package dev.baton.people;

import dev.baton.platform.SortOrder;

/** Account filters; null means "any". {@code text} matches name and domain. */
public record AccountQuery(String text, String industry, String region, String country, Long ownerId,
        SortOrder<Sort> order) {

    public enum Sort { CREATED, NAME, DOMAIN, INDUSTRY, EMPLOYEES, REGION }
}
