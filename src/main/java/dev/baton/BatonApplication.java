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
        SpringApplication app = new SpringApplication(BatonApplication.class);
        if (args.length > 0 && args[0].equals("bench")) {
            app.setAdditionalProfiles("bench");
        }
        app.run(args);
    }
}
