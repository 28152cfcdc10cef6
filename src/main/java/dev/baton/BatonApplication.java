package dev.baton;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Baton: capture → activity log → processors → state → engage / route / measure.
 *
 * <p>{@code java -jar baton.jar} runs the server; {@code --demo} loads the demo company first;
 * {@code bench} runs the storage and processor benchmarks and exits (see {@code dev.baton.demo}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BatonApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("bench")) {
            // No web server: each repetition starts its own context (profile "bench") on a fresh database.
            System.exit(dev.baton.demo.Benchmarks.run(BatonApplication.class, java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("import")) {
            // No web server: imports a CSV file with the same code path as the API, prints progress and exits.
            System.exit(dev.baton.capture.ImportCommand.run(BatonApplication.class,
                    java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        SpringApplication app = new SpringApplication(BatonApplication.class);
        app.run(args);
    }
}
