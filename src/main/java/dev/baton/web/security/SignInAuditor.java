package dev.baton.web.security;

import dev.baton.platform.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Writes every password sign-in, successful or not, and every sign-out to the audit log. API tokens are not audited per
 * request (they record their last use instead); only interactive sign-ins are.
 */
@Component
class SignInAuditor {

    private static final Logger log = LoggerFactory.getLogger(SignInAuditor.class);

    private final AuditLog audit;

    SignInAuditor(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        Authentication auth = event.getAuthentication();
        if (auth instanceof UsernamePasswordAuthenticationToken) {
            write(auth.getName(), "auth.sign_in", "ip=" + address(auth));
        }
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        Authentication auth = event.getAuthentication();
        if (auth instanceof UsernamePasswordAuthenticationToken) {
            write(auth.getName(), "auth.sign_in_failed",
                    "ip=" + address(auth) + " reason=" + event.getException().getClass().getSimpleName());
        }
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        if (event.getAuthentication() != null) {
            write(event.getAuthentication().getName(), "auth.sign_out", "ip=" + address(event.getAuthentication()));
        }
    }

    private void write(String actor, String action, String detail) {
        String who = actor == null || actor.isBlank() ? "(blank)" : actor.length() > 200 ? actor.substring(0, 200) : actor;
        try {
            audit.record(who, action, "user", null, detail);
        } catch (RuntimeException e) {
            // A failing audit write must not turn a sign-in into a server error; it is logged instead.
            log.warn("could not audit {} for {}: {}", action, who, e.toString());
        }
    }

    private static String address(Authentication auth) {
        return auth.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "unknown";
    }
}
