package dev.baton.capture;

import dev.baton.people.ContactDraft;
import dev.baton.platform.NewActivity;
import java.time.Instant;
import java.util.List;

/**
 * Resolves the ways a message recognises a person (external id, email, phone, anonymous id) to one contact,
 * creating, linking and stitching as the rules below say. Claims are resolved in order, as one batch: a later
 * claim sees what an earlier one created or linked.
 *
 * <p>Rules, applied per claim:
 * <ol>
 * <li>Normalise: external and anonymous ids are trimmed; email is lower-cased and must be syntactically valid
 * (else it is ignored as an identity); phone becomes E.164 with libphonenumber, using the traits' country, else
 * the matched contact's country, as the region for numbers without a leading {@code +} (unparseable: ignored).</li>
 * <li>Known identities are looked up in precedence order external id, email, phone; the anonymous side is the
 * anonymous id and (for alias) the previous id, looked up as external id first, then as anonymous id.</li>
 * <li>The claim's contact is the first known match; failing that the anonymous side's contact; failing that a
 * new contact (stage SUBSCRIBER when only anonymous ids are known, else the directory's default).</li>
 * <li>Every presented identity that belongs to nobody is attached to that contact (the stitch). When that
 * contact existed before the claim, an {@code identity_stitched} activity lists what was attached.</li>
 * <li>When the presented identities belong to two (or more) contacts, the claim proves they are one person and
 * they are merged ({@link dev.baton.people.ContactMerges}, in the caller's transaction): the contact created first
 * (the smaller id; ids are time-sorted) survives, the reason is {@code "identify: same <kind>"} naming the kind of
 * identity that matched the other contact ({@code external id, email, phone, anonymous id, previous id}), and the
 * merge appends its own {@code contact_merged} activity. The claim then resolves to the survivor.</li>
 * <li>Traits (non-null fields) overwrite the contact's fields; email is set only when the contact has none.</li>
 * </ol>
 * Nothing is cached between calls: every call reads the identity table. Rule 5 is applied after the claims'
 * contacts, fields and links are written, in claim order.
 */
public interface IdentityResolver {

    String IDENTITY_STITCHED = "identity_stitched";

    /** Resolves every claim; returns one resolution per claim, in order. */
    List<Resolution> resolve(List<Claim> claims);

    /**
     * What a message says about who it is about. Every field may be null.
     *
     * @param previousId an alias's previous id (an earlier user id or anonymous id)
     * @param traits     contact fields to write (identify); its email is ignored in favour of {@code email}
     * @param occurredAt when the message happened: the time of stitch activities
     * @param source     where the claim came from (e.g. "segment:identify"), recorded in stitch activities
     */
    record Claim(String externalId, String anonymousId, String previousId, String email, String phone,
            ContactDraft traits, Instant occurredAt, String source) {
    }

    /**
     * @param contactId  the contact the claim resolved to, or null when it named no identity
     * @param activities stitch activities to append with the caller's own (same transaction, same order)
     */
    record Resolution(Long contactId, List<NewActivity> activities) {
    }
}
