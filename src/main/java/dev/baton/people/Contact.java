package dev.baton.people;

import java.time.Instant;

/** A person marketing knows about. Email is stored lower-cased and is unique when present. */
public record Contact(long id, String email, String firstName, String lastName, String title, String phone,
        String company, String country, String city, Long accountId, Long ownerId, LifecycleStage lifecycleStage,
        String leadSource, String timeZone, Instant createdAt, Instant updatedAt) {

    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() ? (email == null ? "(anonymous)" : email) : name;
    }
}
