package dev.baton.capture.internal.imports;

import dev.baton.capture.ImportMapping;
import dev.baton.capture.ImportMapping.Policy;
import dev.baton.management.Campaign;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignQuery;
import dev.baton.platform.Ids;
import dev.baton.platform.SortOrder;
import java.util.Map;
import java.util.Optional;

/**
 * One import kind other than contacts: its field catalogue, the conversion of a row's checked values, and the
 * write of one row. The import machinery (preview, mapping, chunks, resume, error report, activities) is shared;
 * it has already checked lengths, required fields and the match key's field when {@link #parse} is called, and
 * calls {@link #write} inside the chunk's transaction (in a savepoint, so a failing row leaves no trace).
 */
interface KindWriter {

    Catalogue catalogue();

    /**
     * Converts one row (field → non-empty stripped value). Problems are reported with the column and the rule;
     * returns null when the row cannot be imported.
     */
    Object parse(Map<String, String> values, Columns columns, ContactFields.Problems problems);

    /** Writes one parsed row; returns null after reporting a problem (policy refusals included). */
    Outcome write(Object parsed, ImportMapping mapping, Columns columns, ContactFields.Problems problems);

    /** Field → the column it was read from, for problem reports. */
    interface Columns {
        String of(String field);
    }

    /** What a row did, and the subjects of its "imported" activity (none when nothing changed). */
    record Outcome(Result result, Long contactId, Long accountId, Long campaignId) {

        static Outcome of(Result result) {
            return new Outcome(result, null, null, null);
        }
    }

    enum Result {
        CREATED, UPDATED, UNCHANGED, SKIPPED
    }

    /** What a policy does with a matched ({@code exists}) or unmatched row. */
    enum Decision {
        WRITE, SKIP, REFUSE;

        static Decision of(boolean exists, Policy policy) {
            return switch (policy) {
                case UPSERT -> WRITE;
                case CREATE_ONLY -> exists ? REFUSE : WRITE;
                case UPDATE_ONLY -> exists ? WRITE : REFUSE;
                case SKIP_EXISTING -> exists ? SKIP : WRITE;
            };
        }

        static String refusal(boolean exists, Policy policy, String what, ImportMapping.MatchKey key) {
            String article = "aeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ";
            return exists ? article + what + " with this " + key.code() + " exists; policy is " + policy.code().replace('_', ' ')
                    : "no " + what + " with this " + key.code() + " exists; policy is " + policy.code().replace('_', ' ');
        }
    }

    /** A campaign by id or by exact (case-insensitive) name. */
    static Optional<Campaign> campaign(CampaignManagement campaigns, String idOrName) {
        if (Ids.isValid(idOrName)) {
            Optional<Campaign> byId = campaigns.find(Ids.parse(idOrName));
            if (byId.isPresent()) {
                return byId;
            }
        }
        return campaigns.search(new CampaignQuery(idOrName, null, null, null, null, SortOrder.cursor(null, 500)))
                .stream().filter(c -> c.name().equalsIgnoreCase(idOrName)).findFirst();
    }
}
