package dev.baton.platform.internal;

import dev.baton.platform.AuditLog;
import dev.baton.platform.BatonProperties;
import dev.baton.platform.Role;
import dev.baton.platform.UserDirectory;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On first run (no users yet) creates the administrator from BATON_ADMIN_EMAIL / BATON_ADMIN_PASSWORD,
 * or with a generated password that is printed exactly once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FirstRunAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstRunAdmin.class);

    private final UserDirectory users;
    private final BatonProperties props;
    private final AuditLog audit;

    FirstRunAdmin(UserDirectory users, BatonProperties props, AuditLog audit) {
        this.users = users;
        this.props = props;
        this.audit = audit;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        String email = props.admin().email();
        String password = props.admin().password();
        boolean generated = password.isBlank();
        if (generated) {
            byte[] bytes = new byte[12];
            new SecureRandom().nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        var admin = users.create(new UserDirectory.UserDraft(email, "Administrator", Role.ADMIN, null, "UTC", true),
                password);
        audit.record("system", "user.created", "user", dev.baton.platform.Ids.format(admin.id()), "first-run admin");
        if (generated) {
            log.warn("""

                    ================================================================
                      First run: administrator created
                        email:    {}
                        password: {}
                      This password is shown once. Change it after signing in.
                    ================================================================""", email, password);
        } else {
            log.info("First run: administrator {} created from BATON_ADMIN_EMAIL/BATON_ADMIN_PASSWORD", email);
        }
    }
}
