package dev.baton.capture.internal.imports;

import dev.baton.capture.ImportMapping.MatchKey;
import dev.baton.capture.ImportPreset;
import dev.baton.capture.ImportTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one import kind offers a mapping: its fields (with maximum length) in display order, which of them a row
 * needs, the header synonyms that suggest a field, the shipped presets, and the match keys with the field each
 * one reads.
 */
final class Catalogue {

    private final ImportTarget target;
    private final Map<String, Integer> fields = new LinkedHashMap<>();
    private final Map<String, String> synonyms = new LinkedHashMap<>();
    private final List<ImportPreset> presets = new ArrayList<>();
    private final Map<MatchKey, String> keys = new LinkedHashMap<>();
    private Set<String> required = Set.of();

    Catalogue(ImportTarget target) {
        this.target = target;
    }

    /** Adds a field, its maximum length and the headers that suggest it. */
    Catalogue field(String name, int maxLength, String... headers) {
        fields.put(name, maxLength);
        synonyms.putIfAbsent(normalize(name), name);
        for (String h : headers) {
            synonyms.putIfAbsent(normalize(h), name);
        }
        return this;
    }

    Catalogue required(String... names) {
        this.required = Set.of(names);
        return this;
    }

    /** A match key and the field it needs; the first one added is the default. */
    Catalogue key(MatchKey key, String field) {
        keys.put(key, field);
        return this;
    }

    Catalogue preset(String name, String... headerFieldPairs) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < headerFieldPairs.length; i += 2) {
            if (!fields.containsKey(headerFieldPairs[i + 1])) {
                throw new IllegalStateException("preset " + name + " maps to unknown field " + headerFieldPairs[i + 1]);
            }
            columns.put(headerFieldPairs[i], headerFieldPairs[i + 1]);
        }
        presets.add(new ImportPreset(name, target, columns, true));
        return this;
    }

    ImportTarget target() {
        return target;
    }

    Map<String, Integer> fields() {
        return fields;
    }

    Set<String> required() {
        return required;
    }

    List<ImportPreset> presets() {
        return presets;
    }

    Map<MatchKey, String> keys() {
        return keys;
    }

    /** The kind's name for messages: "cost entries". */
    String label() {
        return target.code().replace('_', ' ');
    }

    /** The first match key whose field the mapping fills, else the first key. */
    MatchKey defaultKey(Map<String, String> columns) {
        for (Map.Entry<MatchKey, String> e : keys.entrySet()) {
            if (e.getValue() == null || columns.containsValue(e.getValue())) {
                return e.getKey();
            }
        }
        return keys.keySet().iterator().next();
    }

    /** Lower case, letters and digits only: "E-mail" and "Email" and "EMAIL" are the same header. */
    static String normalize(String header) {
        StringBuilder b = new StringBuilder(header.length());
        for (char c : header.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Header → field for the headers the preset or a synonym recognizes; each field at most once. */
    Map<String, String> suggest(List<String> headers, Map<String, String> preset) {
        Map<String, String> byNorm = new LinkedHashMap<>();
        preset.forEach((h, f) -> byNorm.put(normalize(h), f));
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String header : headers) {
            String norm = normalize(header);
            String field = byNorm.containsKey(norm) ? byNorm.get(norm) : synonyms.get(norm);
            if (field != null && !mapping.containsValue(field)) {
                mapping.put(header, field);
            }
        }
        return mapping;
    }
}
