package dev.baton.web.ui.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;

/** The hosted form's stylesheet, so that the builder's preview looks like the public form. */
final class FormAssets {

    private static final String CSS = read("capture/form.css");

    private FormAssets() {
    }

    static String css() {
        return CSS;
    }

    private static String read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
