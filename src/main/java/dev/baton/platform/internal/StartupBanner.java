package dev.baton.platform.internal;

import dev.baton.platform.BatonProperties;
import dev.baton.platform.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says, once everything (including a demo load) is ready, where Baton is and where its data lives. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final Dialect dialect;
    private final Environment env;
    private final BatonProperties props;

    StartupBanner(Dialect dialect, Environment env, BatonProperties props) {
        this.dialect = dialect;
        this.env = env;
        this.props = props;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        String port = env.getProperty("local.server.port");
        if (port == null) {
            return; // not a web run (bench)
        }
        String url = props.publicUrl().isBlank() ? "http://localhost:" + port + "/" : props.publicUrl();
        log.info("""

                  ____        _
                 | __ )  __ _| |_ ___  _ __
                 |  _ \\ / _` | __/ _ \\| '_ \\
                 | |_) | (_| | || (_) | | | |   marketing operations, capture to close
                 |____/ \\__,_|\\__\\___/|_| |_|

                  Baton is ready:  {}
                  Database:        {}
                  Sign in as:      {}  (password from BATON_ADMIN_PASSWORD or printed at first run)
                  API docs:        {}swagger-ui.html
                """, url, dialect.location(), props.admin().email(), url);
    }
}
