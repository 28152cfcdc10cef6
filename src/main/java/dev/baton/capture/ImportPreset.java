package dev.baton.capture;

import java.util.Map;

/** A saved column mapping (header → field), matched against headers case- and punctuation-insensitively. */
public record ImportPreset(String name, ImportTarget target, Map<String, String> columns, boolean builtIn) {
}
