package dev.baton.platform;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Baton's users (marketers, ops, sales reps, managers) and their teams. */
public interface UserDirectory {

    List<User> list(Role role, Long teamId, Long afterId, int limit);

    Optional<User> find(long id);

    Optional<User> findByEmail(String email);

    /** Creates a user; a null password makes an account that cannot sign in with a password. */
    User create(UserDraft draft, String rawPassword);

    User update(long id, UserDraft draft);

    void changePassword(long id, String rawPassword);

    /** Deletes the user and revokes their API tokens; records they own become unowned. */
    void delete(long id);

    long count();

    List<Team> teams();

    Optional<Team> findTeam(long id);

    Team createTeam(String name, String timeZone);

    record User(long id, String email, String displayName, Role role, Long teamId, String timeZone,
            boolean enabled, Instant createdAt, Instant updatedAt) {
    }

    record UserDraft(String email, String displayName, Role role, Long teamId, String timeZone, boolean enabled) {
    }

    record Team(long id, String name, String timeZone, Instant createdAt) {
    }

    /** Raised when an email is already taken. */
    class DuplicateEmailException extends RuntimeException {
        public DuplicateEmailException(String email) {
            super("a user with email " + email + " already exists");
        }
    }
}
