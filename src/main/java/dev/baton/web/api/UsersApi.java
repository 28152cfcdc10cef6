package dev.baton.web.api;

import dev.baton.platform.AuditLog;
import dev.baton.platform.ConflictException;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.Role;
import dev.baton.platform.UserDirectory;
import dev.baton.platform.UserDirectory.User;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Users", description = "Baton users: admins, ops, marketers, sales reps, viewers")
class UsersApi {

    private final UserDirectory users;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    UsersApi(UserDirectory users, AuditLog audit, TransactionTemplate tx) {
        this.users = users;
        this.audit = audit;
        this.tx = tx;
    }

    /**
     * A user. PUT replaces every field; a password, when given, sets a new one (otherwise the user keeps
     * theirs, or cannot sign in with a password at all).
     */
    public record UserRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 200) String displayName,
            @NotNull Role role,
            @ValidId String teamId,
            @Size(max = 64) String timeZone,
            Boolean enabled,
            @Size(min = 12, max = 200) String password) {

        UserDirectory.UserDraft draft() {
            new Checks().timeZone("timeZone", timeZone).throwIfAny();
            return new UserDirectory.UserDraft(email.trim(), displayName.trim(), role, Checks.id(teamId),
                    timeZone == null ? "UTC" : timeZone, enabled == null || enabled);
        }
    }

    public record UserView(String id, String email, String displayName, Role role, String teamId, String timeZone,
            boolean enabled, Instant createdAt, Instant updatedAt) {

        static UserView of(User u) {
            return new UserView(Ids.format(u.id()), u.email(), u.displayName(), u.role(),
                    Ids.formatNullable(u.teamId()), u.timeZone(), u.enabled(), u.createdAt(), u.updatedAt());
        }
    }

    @GetMapping
    @Operation(summary = "List users in id order")
    ApiPage<UserView> list(@RequestParam(required = false) Role role,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        Paging.limit(limit);
        return ApiPage.of(users.list(role, Params.id("teamId", teamId), Paging.cursor(cursor), limit + 1), limit,
                User::id, UserView::of);
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable String id) {
        return UserView.of(existing(id));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserView> create(@Valid @RequestBody UserRequest body, Authentication caller) {
        UserDirectory.UserDraft draft = body.draft();
        checkTeam(draft);
        User user = tx.execute(s -> {
            User created = users.create(draft, body.password());
            audit.record(caller.getName(), "user.created", "user", Ids.format(created.id()),
                    "role=" + created.role().name().toLowerCase(java.util.Locale.ROOT));
            return created;
        });
        return ResponseEntity.created(URI.create("/api/v1/users/" + Ids.format(user.id()))).body(UserView.of(user));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    UserView update(@PathVariable String id, @Valid @RequestBody UserRequest body, Authentication caller) {
        User current = existing(id);
        UserDirectory.UserDraft draft = body.draft();
        checkTeam(draft);
        if (current.email().equalsIgnoreCase(caller.getName()) && (draft.role() != current.role() || !draft.enabled())) {
            // an admin who demotes or disables themselves may leave nobody able to administer Baton
            throw new ConflictException(draft.role() != current.role() ? "role" : "enabled",
                    "you cannot change your own role or disable yourself; ask another administrator");
        }
        return UserView.of(tx.execute(s -> {
            User updated = users.update(current.id(), draft);
            if (body.password() != null) {
                users.changePassword(current.id(), body.password());
            }
            audit.record(caller.getName(), "user.updated", "user", id,
                    "role=" + updated.role().name().toLowerCase(java.util.Locale.ROOT) + " enabled="
                            + updated.enabled() + (body.password() != null ? " password changed" : ""));
            return updated;
        }));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a user", description = "Revokes their API tokens; records they own become "
            + "unowned. Users cannot delete themselves (409).")
    void delete(@PathVariable String id, Authentication caller) {
        User current = existing(id);
        if (current.email().equalsIgnoreCase(caller.getName())) {
            throw new ConflictException("id", "you cannot delete your own user");
        }
        tx.executeWithoutResult(s -> {
            users.delete(current.id());
            audit.record(caller.getName(), "user.deleted", "user", id, current.email());
        });
    }

    private void checkTeam(UserDirectory.UserDraft draft) {
        if (draft.teamId() != null && users.findTeam(draft.teamId()).isEmpty()) {
            throw new NotFoundException("team", "teamId", Ids.format(draft.teamId()));
        }
    }

    private User existing(String id) {
        return users.find(Checks.pathId("user", id)).orElseThrow(() -> new NotFoundException("user", id));
    }
}
