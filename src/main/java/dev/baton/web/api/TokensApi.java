package dev.baton.web.api;

import dev.baton.platform.ApiTokens;
import dev.baton.platform.AuditLog;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.UserDirectory;
import dev.baton.web.security.ApiTokenAuthentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API tokens, for admins. The secret is in the issue response only; Baton keeps a hash. */
@RestController
@RequestMapping(path = "/api/v1/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Tokens", description = "API tokens (admins only)")
class TokensApi {

    public enum TokenScope { INGEST, API }

    private final ApiTokens tokens;
    private final UserDirectory users;
    private final AuditLog audit;

    TokensApi(ApiTokens tokens, UserDirectory users, AuditLog audit) {
        this.tokens = tokens;
        this.users = users;
        this.audit = audit;
    }

    /**
     * A token to issue. Scope {@code api} acts with the user's role; {@code ingest} can only append activities
     * (a public write key). userId defaults to the caller.
     */
    public record TokenRequest(@NotBlank @Size(max = 100) String name,
            @NotEmpty @Size(max = 2) Set<@NotNull TokenScope> scopes,
            @ValidId String userId) {
    }

    public record TokenView(String id, String name, String prefix, List<String> scopes, String userId,
            Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

        static TokenView of(ApiTokens.Token t) {
            return new TokenView(Ids.format(t.id()), t.name(), t.prefix(), List.copyOf(new TreeSet<>(t.scopes())),
                    Ids.format(t.userId()), t.createdAt(), t.lastUsedAt(), t.revokedAt());
        }
    }

    /** The issued token; {@code secret} is shown this once and cannot be recovered. */
    public record IssuedTokenView(String id, String name, String prefix, List<String> scopes, String userId,
            Instant createdAt, String secret) {
    }

    @GetMapping
    @Operation(summary = "List tokens in id order (secrets are never shown again)")
    ApiPage<TokenView> list(@RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        Paging.limit(limit);
        Long after = Paging.cursor(cursor);
        List<ApiTokens.Token> rows = tokens.list().stream()
                .filter(t -> after == null || t.id() > after)
                .sorted(Comparator.comparingLong(ApiTokens.Token::id))
                .limit(limit + 1L)
                .toList();
        return ApiPage.of(rows, limit, ApiTokens.Token::id, TokenView::of);
    }

    @GetMapping("/{id}")
    TokenView get(@PathVariable String id) {
        return TokenView.of(existing(id));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Issue a token", description = "The response carries the secret, shown once.")
    ResponseEntity<IssuedTokenView> issue(@Valid @RequestBody TokenRequest body, Authentication caller) {
        long userId;
        if (body.userId() != null) {
            userId = Ids.parse(body.userId());
            if (users.find(userId).isEmpty()) {
                throw new NotFoundException("user", "userId", body.userId());
            }
        } else if (caller instanceof ApiTokenAuthentication token) {
            userId = token.grant().userId();
        } else {
            userId = users.findByEmail(caller.getName()).map(UserDirectory.User::id)
                    .orElseThrow(() -> new ApiValidationException("userId", "is required"));
        }
        Set<String> scopes = body.scopes().stream().map(s -> s.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
        ApiTokens.Issued issued = tokens.issue(userId, body.name().trim(), scopes);
        ApiTokens.Token t = issued.token();
        audit.record(caller.getName(), "token.issued", "api_token", Ids.format(t.id()),
                "user=" + Ids.format(userId) + " scopes=" + String.join(",", scopes));
        IssuedTokenView view = new IssuedTokenView(Ids.format(t.id()), t.name(), t.prefix(),
                List.copyOf(new TreeSet<>(t.scopes())), Ids.format(t.userId()), t.createdAt(), issued.secret());
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + view.id())).body(view);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a token", description = "404 when unknown or already revoked.")
    void revoke(@PathVariable String id, Authentication caller) {
        ApiTokens.Token t = existing(id);
        if (t.revokedAt() != null) {
            throw new NotFoundException("token", id);
        }
        tokens.revoke(t.id());
        audit.record(caller.getName(), "token.revoked", "api_token", id, t.name());
    }

    private ApiTokens.Token existing(String id) {
        long tokenId = Checks.pathId("token", id);
        return tokens.list().stream().filter(t -> t.id() == tokenId).findFirst()
                .orElseThrow(() -> new NotFoundException("token", id));
    }
}
