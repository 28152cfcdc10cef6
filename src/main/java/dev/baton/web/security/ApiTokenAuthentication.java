package dev.baton.web.security;

import dev.baton.platform.ApiTokens;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by an API token. A token with scope {@code api} acts with its issuing user's
 * role ({@code ROLE_*}); scope {@code ingest} adds only {@code SCOPE_ingest}, which opens activity
 * ingestion and nothing else.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    public static final String SCOPE_PREFIX = "SCOPE_";

    private final ApiTokens.Grant grant;

    public ApiTokenAuthentication(ApiTokens.Grant grant) {
        super(authorities(grant));
        this.grant = grant;
        setAuthenticated(true);
    }

    private static Collection<GrantedAuthority> authorities(ApiTokens.Grant grant) {
        List<GrantedAuthority> list = new ArrayList<>();
        if (grant.scopes().contains(ApiTokens.SCOPE_API)) {
            list.add(new SimpleGrantedAuthority(grant.role().authority()));
        }
        for (String scope : grant.scopes()) {
            list.add(new SimpleGrantedAuthority(SCOPE_PREFIX + scope));
        }
        return list;
    }

    public ApiTokens.Grant grant() {
        return grant;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return grant.email();
    }

    @Override
    public String getName() {
        return grant.email();
    }
}
