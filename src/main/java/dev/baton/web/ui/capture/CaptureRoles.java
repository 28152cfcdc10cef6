package dev.baton.web.ui.capture;

import dev.baton.platform.Role;
import org.springframework.security.core.Authentication;

/** Who may change capture set-up (channel rules, webhooks): ADMIN and OPS, as in the REST API. */
final class CaptureRoles {

    private CaptureRoles() {
    }

    static boolean canManage(Authentication auth) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(
                Role.ADMIN.authority()) || a.getAuthority().equals(Role.OPS.authority()));
    }
}
