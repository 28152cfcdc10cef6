package dev.baton.platform.internal;

import dev.baton.platform.Ids;
import dev.baton.platform.Role;
import dev.baton.platform.UserDirectory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
class JdbcUserDirectory implements UserDirectory, UserDetailsService {

    private static final String COLUMNS =
            "id, email, display_name, role, team_id, time_zone, enabled, created_at, updated_at";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final TransactionTemplate tx;

    JdbcUserDirectory(JdbcClient jdbc, PasswordEncoder passwords, Clock clock, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
        this.tx = tx;
    }

    @Override
    public List<User> list(Role role, Long teamId, Long afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM app_user WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (role != null) {
            sql.append(" AND role = ?");
            params.add(role.name());
        }
        if (teamId != null) {
            sql.append(" AND team_id = ?");
            params.add(teamId);
        }
        if (afterId != null) {
            sql.append(" AND id > ?");
            params.add(afterId);
        }
        sql.append(" ORDER BY id LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(JdbcUserDirectory::map).list();
    }

    @Override
    public Optional<User> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE id = ?").param(id).query(JdbcUserDirectory::map)
                .optional();
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE email = ?").param(normalize(email))
                .query(JdbcUserDirectory::map).optional();
    }

    @Override
    public User create(UserDraft d, String rawPassword) {
        long id = Ids.next();
        long now = clock.millis();
        try {
            jdbc.sql("INSERT INTO app_user (id, email, display_name, password_hash, role, team_id, time_zone, enabled, "
                            + "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)")
                    .params(id, normalize(d.email()), d.displayName(),
                            rawPassword == null ? null : passwords.encode(rawPassword), d.role().name(), d.teamId(),
                            d.timeZone(), d.enabled(), now, now)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new DuplicateEmailException(d.email());
        }
        return find(id).orElseThrow();
    }

    @Override
    public User update(long id, UserDraft d) {
        try {
            int n = jdbc.sql("UPDATE app_user SET email = ?, display_name = ?, role = ?, team_id = ?, time_zone = ?, "
                            + "enabled = ?, updated_at = ? WHERE id = ?")
                    .params(normalize(d.email()), d.displayName(), d.role().name(), d.teamId(), d.timeZone(),
                            d.enabled(), clock.millis(), id)
                    .update();
            if (n == 0) {
                throw new NoSuchElementException("user " + Ids.format(id) + " not found");
            }
        } catch (DuplicateKeyException e) {
            throw new DuplicateEmailException(d.email());
        }
        return find(id).orElseThrow();
    }

    @Override
    public void changePassword(long id, String rawPassword) {
        jdbc.sql("UPDATE app_user SET password_hash = ?, updated_at = ? WHERE id = ?")
                .params(passwords.encode(rawPassword), clock.millis(), id).update();
    }

    @Override
    public void delete(long id) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("DELETE FROM api_token WHERE user_id = ?").param(id).update();
            jdbc.sql("UPDATE contact SET owner_id = NULL WHERE owner_id = ?").param(id).update();
            jdbc.sql("UPDATE account SET owner_id = NULL WHERE owner_id = ?").param(id).update();
            jdbc.sql("UPDATE opportunity SET owner_id = NULL WHERE owner_id = ?").param(id).update();
            int n = jdbc.sql("DELETE FROM app_user WHERE id = ?").param(id).update();
            if (n == 0) {
                throw new NoSuchElementException("user " + Ids.format(id) + " not found");
            }
        });
    }

    @Override
    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single();
    }

    @Override
    public List<Team> teams() {
        return jdbc.sql("SELECT id, name, time_zone, created_at FROM team ORDER BY name").query(JdbcUserDirectory::team)
                .list();
    }

    @Override
    public Optional<Team> findTeam(long id) {
        return jdbc.sql("SELECT id, name, time_zone, created_at FROM team WHERE id = ?").param(id)
                .query(JdbcUserDirectory::team).optional();
    }

    @Override
    public Team createTeam(String name, String timeZone) {
        long id = Ids.next();
        jdbc.sql("INSERT INTO team (id, name, time_zone, created_at) VALUES (?,?,?,?)")
                .params(id, name, timeZone, clock.millis()).update();
        return findTeam(id).orElseThrow();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        record Login(String email, String hash, String role, boolean enabled) {
        }
        Login login = jdbc.sql("SELECT email, password_hash, role, enabled FROM app_user WHERE email = ?")
                .param(normalize(username))
                .query((rs, i) -> new Login(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .optional()
                .filter(l -> l.hash() != null)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return org.springframework.security.core.userdetails.User.withUsername(login.email()).password(login.hash()).roles(login.role())
                .disabled(!login.enabled()).build();
    }

    static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        long team = rs.getLong(5);
        Long teamId = rs.wasNull() ? null : team;
        return new User(rs.getLong(1), rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)), teamId,
                rs.getString(6), rs.getBoolean(7), Instant.ofEpochMilli(rs.getLong(8)),
                Instant.ofEpochMilli(rs.getLong(9)));
    }

    private static Team team(ResultSet rs, int row) throws SQLException {
        return new Team(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)));
    }
}
