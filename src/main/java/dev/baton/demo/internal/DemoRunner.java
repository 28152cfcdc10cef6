package dev.baton.demo.internal;

import dev.baton.demo.DemoData;
import dev.baton.demo.DemoListener;
import dev.baton.demo.DemoReport;
import dev.baton.demo.DemoSpec;
import dev.baton.platform.BatonProperties;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code --demo} (or BATON_DEMO_ENABLED=true) loads the demo company at start-up, after the
 * first-run administrator exists; {@code --demo-scale N} (or BATON_DEMO_SCALE) sizes it. Ends by
 * printing where to sign in.
 */
@Component
@Profile("!bench")
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class DemoRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger("dev.baton.demo");

    private final DemoData demo;
    private final BatonProperties props;
    private final Environment env;
    private final Clock clock;

    DemoRunner(DemoData demo, BatonProperties props, Environment env, Clock clock) {
        this.demo = demo;
        this.props = props;
        this.env = env;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("demo") && !props.demo().enabled()) {
            return;
        }
        double scale = scale(args.getSourceArgs(), props.demo().scale());
        DemoSpec spec = new DemoSpec(props.demo().seed(), scale, LocalDate.now(clock));
        DemoReport report = demo.load(spec, DemoListener.NONE);
        if (report.outcome() == DemoReport.Outcome.REFUSED_NOT_EMPTY) {
            return;
        }
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        String url = props.publicUrl().isBlank() ? "http://localhost:" + port + "/" : props.publicUrl();
        StringBuilder users = new StringBuilder();
        for (Map.Entry<String, String> login : DemoLoader.demoLogins(DemoPlan.generateUsersOnly()).entrySet()) {
            users.append(String.format(Locale.ROOT, "%n      %-34s %s", login.getKey(), login.getValue()));
        }
        log.info("""

                ================================================================
                  Baton is ready with demo data: {}
                  Administrator: {} (password from BATON_ADMIN_PASSWORD, or the one printed at first run)
                  Demo users, all with the password "{}":{}
                ================================================================""",
                url, props.admin().email(), DemoPlan.DEMO_PASSWORD, users);
    }

    /** {@code --demo-scale=N} or {@code --demo-scale N}; fractions make small demo companies. */
    static double scale(String[] args, int fallback) {
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            String a = list.get(i);
            String value = null;
            if (a.startsWith("--demo-scale=")) {
                value = a.substring("--demo-scale=".length());
            } else if (a.equals("--demo-scale") && i + 1 < list.size()) {
                value = list.get(i + 1);
            }
            if (value != null) {
                try {
                    return Double.parseDouble(value.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--demo-scale must be a number but was " + value);
                }
            }
        }
        return fallback;
    }
}
