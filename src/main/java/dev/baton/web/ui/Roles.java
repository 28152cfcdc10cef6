package dev.baton.web.ui;

import dev.baton.platform.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Role checks inside handlers, for actions narrower than their URL's rule (e.g. rebuild: ADMIN, not OPS). */
final class Roles {

    private Roles() {
    }

    static boolean isAdmin(Authentication auth) {
        if (auth == null || !auth.isAuthenticated()) {
            return false;
        }
        for (GrantedAuthority a : auth.getAuthorities()) {
            if (Role.ADMIN.authority().equals(a.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}
