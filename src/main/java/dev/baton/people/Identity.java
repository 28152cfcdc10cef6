package dev.baton.people;

import java.time.Instant;

public record Identity(long id, long contactId, IdentityKind kind, String value, Instant createdAt) {
}
