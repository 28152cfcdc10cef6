package dev.baton.capture.internal.collector;

import com.sanctionco.jmail.JMail;
import dev.baton.capture.IdentityResolver;
import dev.baton.capture.PhoneNumbers;
import dev.baton.people.Contact;
import dev.baton.people.ContactDirectory;
import dev.baton.people.ContactMerges;
import dev.baton.people.ContactDraft;
import dev.baton.people.IdentityKind;
import dev.baton.people.LifecycleStage;
import dev.baton.platform.Ids;
import dev.baton.platform.NewActivity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link IdentityResolver} over the contact directory. A call plans every claim against a per-call view of the
 * identity table (each distinct identity is read once), then writes in three bulk steps: new contacts, field
 * updates, identity links. It is meant to be called by one writer at a time (the collector's group commit).
 */
@Component
class BatchIdentityResolver implements IdentityResolver {

    private static final int MAX_ID_CHARS = 255;
    /** Planned merge of two contacts a claim proved to be one (rule 5); not an activity type. */
    private static final String MERGE = "merge";
    /** How each lookup in {@link #plan} names the identity that matched, for a merge's reason. */
    private static final String[] MATCHED_BY = {"external id", "email", "phone", "anonymous id", "previous id"};

    private final ContactDirectory contacts;
    private final ContactMerges merges;
    private final ObjectMapper json;

    BatchIdentityResolver(ContactDirectory contacts, ContactMerges merges, ObjectMapper json) {
        this.contacts = contacts;
        this.merges = merges;
        this.json = json;
    }

    /** A contact as this call sees it: existing (id known) or to be created (id assigned on write). */
    private static final class Ref {
        Long id;
        Contact current;
        ContactDraft draft;

        Ref(Long id) {
            this.id = id;
        }
    }

    private record Attach(Ref contact, IdentityKind kind, String value) {
    }

    /** An activity waiting for contact ids. */
    private record Pending(int claim, String type, Ref contact, Ref other, List<Attach> identities, String same) {
    }

    private final class Batch {
        final Map<String, Ref> owners = new HashMap<>();
        final List<Ref> created = new ArrayList<>();
        final Map<Ref, ContactDraft> updates = new LinkedHashMap<>();
        final List<Attach> links = new ArrayList<>();
        final List<Pending> pending = new ArrayList<>();

        Ref owner(IdentityKind kind, String value) {
            if (value == null) {
                return null;
            }
            String key = kind.name() + '\u0000' + value;
            if (owners.containsKey(key)) {
                return owners.get(key);
            }
            Ref ref = contacts.resolve(kind, value).map(this::existing).orElse(null);
            owners.put(key, ref);
            return ref;
        }

        /** One Ref per existing contact id, so that identity checks compare refs. */
        private final Map<Long, Ref> byId = new HashMap<>();

        Ref existing(long id) {
            return byId.computeIfAbsent(id, Ref::new);
        }

        /** Reads every identity the claims name, one bulk query per kind, so that planning rarely queries. */
        void prefetch(List<Claim> claims) {
            Map<IdentityKind, java.util.Set<String>> wanted = new java.util.EnumMap<>(IdentityKind.class);
            for (IdentityKind k : IdentityKind.values()) {
                wanted.put(k, new java.util.LinkedHashSet<>());
            }
            for (Claim c : claims) {
                addIf(wanted.get(IdentityKind.EXTERNAL_ID), clean(c.externalId()));
                addIf(wanted.get(IdentityKind.EXTERNAL_ID), clean(c.previousId()));
                addIf(wanted.get(IdentityKind.ANONYMOUS_ID), clean(c.anonymousId()));
                addIf(wanted.get(IdentityKind.ANONYMOUS_ID), clean(c.previousId()));
                addIf(wanted.get(IdentityKind.EMAIL), normalizeEmail(c.email()));
                addIf(wanted.get(IdentityKind.PHONE),
                        e164(c.phone(), c.traits() == null ? null : region(c.traits().country())));
            }
            for (Map.Entry<IdentityKind, java.util.Set<String>> w : wanted.entrySet()) {
                if (w.getValue().isEmpty()) {
                    continue;
                }
                Map<String, Long> found = contacts.resolveAll(w.getKey(), w.getValue());
                for (String v : w.getValue()) {
                    Long id = found.get(v);
                    owners.put(w.getKey().name() + '\u0000' + v, id == null ? null : existing(id));
                }
            }
        }

        private static void addIf(java.util.Set<String> set, String value) {
            if (value != null) {
                set.add(value);
            }
        }

        void own(IdentityKind kind, String value, Ref ref) {
            owners.put(kind.name() + '\u0000' + value, ref);
        }

        Contact current(Ref ref) {
            if (ref.id != null && ref.current == null) {
                ref.current = contacts.find(ref.id).orElse(null);
            }
            return ref.current;
        }

        String email(Ref ref) {
            if (ref.draft != null && ref.id == null) {
                return ref.draft.email();
            }
            ContactDraft update = updates.get(ref);
            if (update != null && update.email() != null) {
                return update.email();
            }
            Contact c = current(ref);
            return c == null ? null : c.email();
        }

        String country(Ref ref) {
            if (ref == null) {
                return null;
            }
            if (ref.id == null) {
                return ref.draft.country();
            }
            Contact c = current(ref);
            return c == null ? null : c.country();
        }

        void write(Ref ref, ContactDraft fields) {
            if (fields == null) {
                return;
            }
            if (ref.id == null) {
                ref.draft = overlay(ref.draft, fields);
            } else {
                updates.merge(ref, fields, BatchIdentityResolver::overlay);
            }
        }
    }

    @Override
    public List<Resolution> resolve(List<Claim> claims) {
        Batch b = new Batch();
        b.prefetch(claims);
        List<Ref> resolved = new ArrayList<>(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            resolved.add(plan(b, i, claims.get(i)));
        }
        persist(b);
        Map<Long, Long> mergedInto = mergeSamePeople(b);
        List<List<NewActivity>> activities = new ArrayList<>(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            activities.add(new ArrayList<>(2));
        }
        for (Pending p : b.pending) {
            if (IDENTITY_STITCHED.equals(p.type())) {
                activities.get(p.claim()).add(activity(claims.get(p.claim()), p, survivor(mergedInto, p.contact().id)));
            }
        }
        List<Resolution> out = new ArrayList<>(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            Ref r = resolved.get(i);
            out.add(new Resolution(r == null ? null : survivor(mergedInto, r.id), activities.get(i)));
        }
        return out;
    }

    /**
     * Rule 5: a claim whose identities belong to two contacts proves they are one person. The contact created
     * first (the smaller id: ids are time-sorted) survives; the merge appends its own contact_merged activity.
     * Returns merged id to survivor id for this call's later claims.
     */
    private Map<Long, Long> mergeSamePeople(Batch b) {
        Map<Long, Long> mergedInto = new HashMap<>();
        for (Pending p : b.pending) {
            if (!MERGE.equals(p.type())) {
                continue;
            }
            long one = survivor(mergedInto, p.contact().id);
            long other = survivor(mergedInto, p.other().id);
            if (one == other) {
                continue;
            }
            long keep = Math.min(one, other);
            long gone = Math.max(one, other);
            merges.merge(keep, gone, "identify: same " + p.same(), null);
            mergedInto.put(gone, keep);
        }
        return mergedInto;
    }

    private static long survivor(Map<Long, Long> mergedInto, long id) {
        Long next = mergedInto.get(id);
        while (next != null) {
            id = next;
            next = mergedInto.get(id);
        }
        return id;
    }

    private Ref plan(Batch b, int index, Claim claim) {
        String ext = clean(claim.externalId());
        String anon = clean(claim.anonymousId());
        String prev = clean(claim.previousId());
        String email = normalizeEmail(claim.email());
        ContactDraft traits = claim.traits();

        Ref byExt = b.owner(IdentityKind.EXTERNAL_ID, ext);
        Ref byEmail = b.owner(IdentityKind.EMAIL, email);
        String region = traits == null ? null : region(traits.country());
        if (region == null) {
            region = region(b.country(byExt != null ? byExt : byEmail));
        }
        String phone = e164(claim.phone(), region);
        Ref byPhone = b.owner(IdentityKind.PHONE, phone);
        Ref byAnon = b.owner(IdentityKind.ANONYMOUS_ID, anon);
        Ref byPrev = null;
        if (prev != null) {
            byPrev = b.owner(IdentityKind.EXTERNAL_ID, prev);
            if (byPrev == null) {
                byPrev = b.owner(IdentityKind.ANONYMOUS_ID, prev);
            }
        }
        List<Ref> matches = new ArrayList<>(4);
        List<String> matchedBy = new ArrayList<>(4);
        Ref[] refs = {byExt, byEmail, byPhone, byAnon, byPrev};
        for (int k = 0; k < refs.length; k++) {
            if (refs[k] != null && !matches.contains(refs[k])) {
                matches.add(refs[k]);
                matchedBy.add(MATCHED_BY[k]);
            }
        }
        if (ext == null && email == null && phone == null && anon == null && prev == null) {
            return null;
        }
        Ref primary;
        boolean existed;
        if (matches.isEmpty()) {
            primary = new Ref(null);
            boolean anonymousOnly = ext == null && email == null && phone == null;
            primary.draft = new ContactDraft(null, null, null, null, null, null, null, null, null, null,
                    anonymousOnly ? LifecycleStage.SUBSCRIBER : null, null, null);
            b.created.add(primary);
            existed = false;
        } else {
            primary = matches.get(0);
            existed = true;
        }
        List<Attach> attached = new ArrayList<>(4);
        if (ext != null && byExt == null) {
            attached.add(link(b, primary, IdentityKind.EXTERNAL_ID, ext));
        }
        if (email != null && byEmail == null) {
            String currentEmail = b.email(primary);
            Attach a = new Attach(primary, IdentityKind.EMAIL, email);
            if (currentEmail == null) {
                // the contact's email column; the directory keeps its EMAIL identity in step
                b.write(primary, new ContactDraft(email, null, null, null, null, null, null, null, null, null, null,
                        null, null));
                b.own(IdentityKind.EMAIL, email, primary);
            } else {
                b.links.add(a);
                b.own(IdentityKind.EMAIL, email, primary);
            }
            attached.add(a);
        }
        if (phone != null && byPhone == null) {
            attached.add(link(b, primary, IdentityKind.PHONE, phone));
        }
        if (anon != null && byAnon == null) {
            attached.add(link(b, primary, IdentityKind.ANONYMOUS_ID, anon));
        }
        if (prev != null && byPrev == null && !prev.equals(anon)) {
            attached.add(link(b, primary, IdentityKind.ANONYMOUS_ID, prev));
        }
        if (traits != null) {
            b.write(primary, new ContactDraft(null, traits.firstName(), traits.lastName(), traits.title(),
                    phone != null ? phone : traits.phone(), traits.company(), traits.country(), traits.city(),
                    null, null, null, traits.leadSource(), traits.timeZone()));
        }
        if (existed && !attached.isEmpty()) {
            b.pending.add(new Pending(index, IDENTITY_STITCHED, primary, null, attached, null));
        }
        for (int m = 1; m < matches.size(); m++) {
            b.pending.add(new Pending(index, MERGE, primary, matches.get(m), attached, matchedBy.get(m)));
        }
        return primary;
    }

    private static Attach link(Batch b, Ref contact, IdentityKind kind, String value) {
        Attach a = new Attach(contact, kind, value);
        b.links.add(a);
        b.own(kind, value, contact);
        return a;
    }

    private void persist(Batch b) {
        if (!b.created.isEmpty()) {
            List<Long> ids = contacts.createAll(b.created.stream().map(r -> r.draft).toList());
            for (int i = 0; i < ids.size(); i++) {
                b.created.get(i).id = ids.get(i);
            }
        }
        for (Map.Entry<Ref, ContactDraft> u : b.updates.entrySet()) {
            Contact current = b.current(u.getKey());
            if (current == null) {
                continue;
            }
            ContactDraft before = draftOf(current);
            ContactDraft merged = overlay(before, u.getValue());
            if (current.email() != null) {
                merged = withEmail(merged, current.email());
            }
            if (!merged.equals(before)) {
                contacts.update(current.id(), merged);
            }
        }
        if (!b.links.isEmpty()) {
            contacts.link(b.links.stream()
                    .map(a -> new ContactDirectory.IdentityLink(a.contact().id, a.kind(), a.value())).toList());
        }
    }

    private NewActivity activity(Claim claim, Pending p, long contactId) {
        ObjectNode props = json.createObjectNode();
        ArrayNode ids = props.putArray("identities");
        for (Attach a : p.identities()) {
            ids.addObject().put("kind", a.kind().name()).put("value", a.value());
        }
        if (claim.source() != null) {
            props.put("source", claim.source());
        }
        return new NewActivity(claim.occurredAt() == null ? java.time.Instant.now() : claim.occurredAt(), p.type(),
                contactId, null, null, null, null, json.writeValueAsString(props));
    }

    static String clean(String id) {
        if (id == null) {
            return null;
        }
        String t = id.trim();
        return t.isEmpty() || t.length() > MAX_ID_CHARS ? null : t;
    }

    static String normalizeEmail(String email) {
        if (email == null) {
            return null;
        }
        String e = email.trim().toLowerCase(Locale.ROOT);
        return !e.isEmpty() && e.length() <= 254 && JMail.isValid(e) ? e : null;
    }

    private static String region(String country) {
        return PhoneNumbers.region(country);
    }

    String e164(String raw, String region) {
        return PhoneNumbers.e164(raw, region);
    }

    private static ContactDraft draftOf(Contact c) {
        return new ContactDraft(c.email(), c.firstName(), c.lastName(), c.title(), c.phone(), c.company(),
                c.country(), c.city(), c.accountId(), c.ownerId(), c.lifecycleStage(), c.leadSource(), c.timeZone());
    }

    private static ContactDraft withEmail(ContactDraft d, String email) {
        return new ContactDraft(email, d.firstName(), d.lastName(), d.title(), d.phone(), d.company(), d.country(),
                d.city(), d.accountId(), d.ownerId(), d.lifecycleStage(), d.leadSource(), d.timeZone());
    }

    /** Set fields of {@code top} win over {@code base}. */
    static ContactDraft overlay(ContactDraft base, ContactDraft top) {
        if (base == null) {
            return top;
        }
        return new ContactDraft(pick(top.email(), base.email()), pick(top.firstName(), base.firstName()),
                pick(top.lastName(), base.lastName()), pick(top.title(), base.title()), pick(top.phone(), base.phone()),
                pick(top.company(), base.company()), pick(top.country(), base.country()),
                pick(top.city(), base.city()), pick(top.accountId(), base.accountId()),
                pick(top.ownerId(), base.ownerId()), pick(top.lifecycleStage(), base.lifecycleStage()),
                pick(top.leadSource(), base.leadSource()), pick(top.timeZone(), base.timeZone()));
    }

    private static <T> T pick(T top, T base) {
        return top != null ? top : base;
    }
}
