package dev.baton.platform.internal;

import dev.baton.platform.ApiTokens;
import dev.baton.platform.Ids;
import dev.baton.platform.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcApiTokens implements ApiTokens {

    private static final String PREFIX = "bt_";
    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Issued issue(long userId, String name, Set<String> scopes) {
        if (scopes.isEmpty() || !SCOPES.containsAll(scopes)) {
            throw new IllegalArgumentException("scopes must be a non-empty subset of " + new TreeSet<>(SCOPES));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long id = Ids.next();
        jdbc.sql("INSERT INTO api_token (id, name, token_prefix, token_hash, scopes, user_id, created_at) "
                        + "VALUES (?,?,?,?,?,?,?)")
                .params(id, name, secret.substring(0, 10), hash(secret), String.join(",", new TreeSet<>(scopes)), userId,
                        clock.millis())
                .update();
        return new Issued(find(id), secret);
    }

    @Override
    public List<Token> list() {
        return jdbc.sql("SELECT id, name, token_prefix, scopes, user_id, created_at, last_used_at, revoked_at "
                + "FROM api_token ORDER BY id DESC").query(JdbcApiTokens::map).list();
    }

    private Token find(long id) {
        return jdbc.sql("SELECT id, name, token_prefix, scopes, user_id, created_at, last_used_at, revoked_at "
                + "FROM api_token WHERE id = ?").param(id).query(JdbcApiTokens::map).single();
    }

    @Override
    public void revoke(long tokenId) {
        int n = jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(clock.millis(), tokenId).update();
        if (n == 0) {
            throw new NoSuchElementException("token " + Ids.format(tokenId) + " not found or already revoked");
        }
    }

    @Override
    public Optional<Grant> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        Optional<Grant> grant = jdbc.sql("SELECT t.id, u.id, u.email, u.role, t.scopes FROM api_token t "
                        + "JOIN app_user u ON u.id = t.user_id "
                        + "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.enabled = ?")
                .params(hash(presented), true)
                .query((rs, i) -> new Grant(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        Role.valueOf(rs.getString(4)), scopes(rs.getString(5))))
                .optional();
        grant.ifPresent(g -> jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ? AND "
                        + "(last_used_at IS NULL OR last_used_at < ?)")
                .params(clock.millis(), g.tokenId(), clock.millis() - 60_000).update());
        return grant;
    }

    static String hash(String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> scopes(String csv) {
        return Arrays.stream(csv.split(",")).filter(s -> !s.isBlank()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Token map(ResultSet rs, int row) throws SQLException {
        return new Token(rs.getLong(1), rs.getString(2), rs.getString(3), scopes(rs.getString(4)), rs.getLong(5),
                Instant.ofEpochMilli(rs.getLong(6)), instant(rs, 7), instant(rs, 8));
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
