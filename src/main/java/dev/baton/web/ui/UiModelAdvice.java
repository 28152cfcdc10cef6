package dev.baton.web.ui;

import dev.baton.platform.Role;
import dev.baton.platform.UserDirectory;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every UI page gets: the signed-in user ({@code me}) and formatting in their time zone
 * ({@code fmt}).
 */
@ControllerAdvice(basePackageClasses = UiModelAdvice.class)
class UiModelAdvice {

    private final UserDirectory users;
    private final Clock clock;

    UiModelAdvice(UserDirectory users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @ModelAttribute("me")
    CurrentUser me(Authentication auth) {
        return currentUser(auth);
    }

    @ModelAttribute("fmt")
    ViewFormat fmt(Authentication auth) {
        CurrentUser me = currentUser(auth);
        return new ViewFormat(zone(me == null ? null : me.timeZone()), clock);
    }

    CurrentUser currentUser(Authentication auth) {
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return users.findByEmail(auth.getName())
                .map(u -> new CurrentUser(u.id(), u.email(), u.displayName(), u.role(), u.timeZone()))
                .orElseGet(() -> new CurrentUser(null, auth.getName(), auth.getName(), roleOf(auth), "UTC"));
    }

    private static Role roleOf(Authentication auth) {
        for (GrantedAuthority a : auth.getAuthorities()) {
            for (Role r : Role.values()) {
                if (r.authority().equals(a.getAuthority())) {
                    return r;
                }
            }
        }
        return Role.VIEWER;
    }

    static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
