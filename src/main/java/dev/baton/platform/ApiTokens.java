package dev.baton.platform;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API tokens. Only a SHA-256 hash is stored; the token itself is shown once, when issued.
 * Scope {@code ingest} is a public write key (activity ingestion only); {@code api} acts with the
 * issuing user's role across the REST API.
 */
public interface ApiTokens {

    String SCOPE_INGEST = "ingest";
    String SCOPE_API = "api";
    Set<String> SCOPES = Set.of(SCOPE_INGEST, SCOPE_API);

    Issued issue(long userId, String name, Set<String> scopes);

    List<Token> list();

    void revoke(long tokenId);

    /** The grant behind a presented token, if it is known, not revoked and its user is enabled. */
    Optional<Grant> authenticate(String presented);

    record Token(long id, String name, String prefix, Set<String> scopes, long userId, Instant createdAt,
            Instant lastUsedAt, Instant revokedAt) {
    }

    record Issued(Token token, String secret) {
    }

    record Grant(long tokenId, long userId, String email, Role role, Set<String> scopes) {
    }
}
