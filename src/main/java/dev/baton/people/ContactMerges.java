package dev.baton.people;

import java.util.List;
import java.util.Optional;

/**
 * Merges two contacts that turn out to be one person (decision 0010). In one transaction: the merged contact's
 * identities move to the survivor; the survivor keeps its fields and gets the merged contact's values for the
 * fields it lacks (account link included); the merged contact's row stays as a tombstone ({@code merged_into},
 * {@code merged_at}) that lists, search and counts skip; {@link ContactsMerged} lets the other modules re-point
 * their rows; the subject index behind timelines is re-pointed; a {@code contact_merged} activity on the
 * survivor names both contacts, the reason and what moved; a user's merge is also in the audit log.
 * Activities in the log are never rewritten: processors resolve a tombstone's id to its survivor.
 */
public interface ContactMerges {

    String CONTACT_MERGED = "contact_merged";

    /**
     * @param actor who did it, for the audit log, or null for an automatic merge (no audit entry)
     * @throws IllegalArgumentException when both ids are the same contact
     * @throws dev.baton.platform.NotFoundException when either contact does not exist
     * @throws dev.baton.platform.ConflictException when either contact is already merged into another
     */
    MergeResult merge(long survivorId, long mergedId, String reason, String actor);

    /** The contact a merged contact now lives on (following chains), or empty when the id is not a tombstone. */
    Optional<Long> survivorOf(long contactId);

    /**
     * @param identities     the identities that moved, with their ids (so a later undo can move them back)
     * @param fieldsFilled   names of the survivor's fields that were empty and were taken from the merged contact
     * @param activityId     the {@code contact_merged} activity
     */
    record MergeResult(Contact survivor, long mergedId, List<Identity> identities, List<String> fieldsFilled,
            long activityId) {
    }
}
