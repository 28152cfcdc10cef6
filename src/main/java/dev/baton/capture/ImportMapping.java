package dev.baton.capture;

import java.util.Locale;
import java.util.Map;

/**
 * How an import's columns become records: column header → target field (headers left out are ignored),
 * the match key, what to do with matches, and where the list came from (recorded on each row's activity).
 */
public record ImportMapping(Map<String, String> columns, MatchKey matchKey, Policy policy, String listSource,
        String provenance) {

    public ImportMapping {
        // sorted, so equal mappings serialize to equal JSON (an identical re-import is recognized by it)
        columns = columns == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(columns));
        matchKey = matchKey == null ? MatchKey.EMAIL : matchKey;
        policy = policy == null ? Policy.UPSERT : policy;
    }

    public ImportMapping withColumns(Map<String, String> newColumns) {
        return new ImportMapping(newColumns, matchKey, policy, listSource, provenance);
    }

    /**
     * What identifies an existing record: contacts by email or external id; accounts by external id, domain or
     * name; campaign members by the contact's email or external id (within the campaign); cost entries by their
     * natural key (campaign, period, amount, currency and description).
     */
    public enum MatchKey {
        EMAIL, EXTERNAL_ID, DOMAIN, NAME, NATURAL_KEY;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What happens to rows that match (or do not match) an existing record. */
    public enum Policy {
        /** Create new records and update matched ones. */
        UPSERT,
        /** Create new records; a matched row is a row-level error. */
        CREATE_ONLY,
        /** Update matched records; an unmatched row is a row-level error. */
        UPDATE_ONLY,
        /** Create new records; matched rows are counted as skipped and left untouched. */
        SKIP_EXISTING;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
