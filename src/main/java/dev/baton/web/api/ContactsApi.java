package dev.baton.web.api;

import dev.baton.people.Contact;
import dev.baton.people.ContactDirectory;
import dev.baton.people.ContactDraft;
import dev.baton.people.ContactMerges;
import dev.baton.people.ContactQuery;
import dev.baton.people.LifecycleStage;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.SortOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Contacts", description = "People marketing knows about")
class ContactsApi {

    static final int MAX_UPSERT_ROWS = 5_000;

    private final ContactDirectory contacts;
    private final ContactMerges merges;
    private final Validator validator;

    ContactsApi(ContactDirectory contacts, ContactMerges merges, Validator validator) {
        this.contacts = contacts;
        this.merges = merges;
        this.validator = validator;
    }

    /** Merge the contact {@code mergeId} into the contact in the path (the survivor). */
    public record MergeRequest(@ValidId String mergeId, @Size(max = 500) String reason) {
    }

    public record MergeResponse(ContactView survivor, String mergedId, int identitiesMoved, List<String> fieldsFilled,
            String activityId) {
    }

    /** The writable fields of a contact. PUT replaces all of them: omitted fields become empty. */
    public record ContactRequest(
            @Email @Size(max = 254) String email,
            @Size(max = 100) String firstName,
            @Size(max = 100) String lastName,
            @Size(max = 200) String title,
            @Size(max = 50) String phone,
            @Size(max = 200) String company,
            @Size(max = 100) String country,
            @Size(max = 100) String city,
            @ValidId String accountId,
            @ValidId String ownerId,
            @NotNull LifecycleStage lifecycleStage,
            @Size(max = 100) String leadSource,
            @Size(max = 64) String timeZone) {

        ContactDraft draft() {
            new Checks().timeZone("timeZone", timeZone).throwIfAny();
            return new ContactDraft(email, firstName, lastName, title, phone, company, country, city,
                    Checks.id(accountId), Checks.id(ownerId), lifecycleStage, leadSource, timeZone);
        }
    }

    public record ContactView(String id, String email, String firstName, String lastName, String title, String phone,
            String company, String country, String city, String accountId, String ownerId,
            LifecycleStage lifecycleStage, String leadSource, String timeZone, Instant createdAt, Instant updatedAt) {

        static ContactView of(Contact c) {
            return new ContactView(Ids.format(c.id()), c.email(), c.firstName(), c.lastName(), c.title(), c.phone(),
                    c.company(), c.country(), c.city(), Ids.formatNullable(c.accountId()),
                    Ids.formatNullable(c.ownerId()), c.lifecycleStage(), c.leadSource(), c.timeZone(), c.createdAt(),
                    c.updatedAt());
        }
    }

    /** One row of a bulk upsert: matched by email, else by externalId; omitted fields are left as they are. */
    public record ContactUpsertRow(
            @Size(max = 200) String externalId,
            @Email @Size(max = 254) String email,
            @Size(max = 100) String firstName,
            @Size(max = 100) String lastName,
            @Size(max = 200) String title,
            @Size(max = 50) String phone,
            @Size(max = 200) String company,
            @Size(max = 100) String country,
            @Size(max = 100) String city,
            @ValidId String accountId,
            @ValidId String ownerId,
            LifecycleStage lifecycleStage,
            @Size(max = 100) String leadSource,
            @Size(max = 64) String timeZone) {
    }

    public record BulkUpsertRequest(@NotNull List<@NotNull @Valid ContactUpsertRow> contacts) {
    }

    public record UpsertedRow(int index, String id, String result) {
    }

    public record BulkUpsertResponse(int created, int updated, List<UpsertedRow> results) {
    }

    @GetMapping
    @Operation(summary = "List contacts in id order", description = "Filters combine with AND; q matches email, "
            + "names and company. Page with cursor = the previous page's nextCursor.")
    ApiPage<ContactView> list(@RequestParam(required = false) String q,
            @RequestParam(required = false) String accountId,
            @RequestParam(required = false) LifecycleStage lifecycleStage,
            @RequestParam(required = false) String country,
            @RequestParam(required = false) String ownerId,
            @RequestParam(required = false) Instant updatedSince,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        Paging.limit(limit);
        ContactQuery query = new ContactQuery(blankToNull(q), Params.id("accountId", accountId), lifecycleStage,
                blankToNull(country), Params.id("ownerId", ownerId), updatedSince,
                SortOrder.cursor(Paging.cursor(cursor), limit + 1));
        return ApiPage.of(contacts.search(query), limit, Contact::id, ContactView::of);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One contact", description = "A merged contact's id answers with its survivor (200, the "
            + "survivor's own id in the body and in Content-Location).")
    ResponseEntity<ContactView> get(@PathVariable String id) {
        long contactId = Checks.pathId("contact", id);
        var found = contacts.find(contactId);
        if (found.isPresent()) {
            return ResponseEntity.ok(ContactView.of(found.get()));
        }
        long survivor = merges.survivorOf(contactId).orElseThrow(() -> new NotFoundException("contact", id));
        Contact c = contacts.find(survivor).orElseThrow(() -> new NotFoundException("contact", id));
        return ResponseEntity.ok().header("Content-Location", "/api/v1/contacts/" + Ids.format(survivor))
                .body(ContactView.of(c));
    }

    @PostMapping(path = "/{id}/merge", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Merge another contact into this one (ADMIN, OPS)",
            description = "In one transaction: identities, memberships, roles, consent, submissions, QR codes and "
                    + "engagement move to this contact; its empty fields are filled from the other; the other stays "
                    + "as a tombstone that GET resolves to this one. 409 when either is already merged.")
    MergeResponse merge(@PathVariable String id, @Valid @RequestBody MergeRequest body,
            org.springframework.security.core.Authentication auth) {
        long survivorId = Checks.pathId("contact", id);
        Checks checks = new Checks();
        if (body.mergeId() == null || body.mergeId().isBlank()) {
            checks.add("mergeId", "is required: the id of the contact to merge into this one");
        } else if (Checks.id(body.mergeId()) == survivorId) {
            checks.add("mergeId", "must be another contact than the one in the path");
        }
        checks.throwIfAny();
        long mergedId = Checks.id(body.mergeId());
        if (contacts.find(survivorId).isEmpty() && merges.survivorOf(survivorId).isEmpty()) {
            throw new NotFoundException("contact", id);
        }
        if (contacts.find(mergedId).isEmpty() && merges.survivorOf(mergedId).isEmpty()) {
            throw new NotFoundException("contact", "mergeId", body.mergeId());
        }
        String reason = body.reason() == null || body.reason().isBlank() ? "merged by " + auth.getName()
                : body.reason().trim();
        ContactMerges.MergeResult r = merges.merge(survivorId, mergedId, reason, auth.getName());
        return new MergeResponse(ContactView.of(r.survivor()), Ids.format(r.mergedId()), r.identities().size(),
                r.fieldsFilled(), Ids.format(r.activityId()));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ContactView> create(@Valid @RequestBody ContactRequest body) {
        ContactView view = ContactView.of(contacts.create(body.draft()));
        return ResponseEntity.created(URI.create("/api/v1/contacts/" + view.id())).body(view);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ContactView update(@PathVariable String id, @Valid @RequestBody ContactRequest body) {
        long contactId = Checks.pathId("contact", id);
        if (contacts.find(contactId).isEmpty()) {
            throw new NotFoundException("contact", id);
        }
        return ContactView.of(contacts.update(contactId, body.draft()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        long contactId = Checks.pathId("contact", id);
        if (contacts.find(contactId).isEmpty()) {
            throw new NotFoundException("contact", id);
        }
        contacts.delete(contactId);
    }

    @PostMapping(path = "/bulk-upsert", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create or update up to 5,000 contacts in one transaction",
            description = "Each row matches an existing contact by email, else by externalId; fields a row omits are "
                    + "left as they are. Answers one result per row, in order. 413 beyond 5,000 rows.")
    BulkUpsertResponse bulkUpsert(@RequestBody BulkUpsertRequest body) {
        List<ContactUpsertRow> rows = body.contacts();
        if (rows != null && rows.size() > MAX_UPSERT_ROWS) {
            throw new PayloadTooLargeException("contacts", MAX_UPSERT_ROWS, rows.size());
        }
        Params.validate(validator, body);
        Checks checks = new Checks();
        List<ContactDirectory.ContactUpsert> upserts = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ContactUpsertRow r = rows.get(i);
            String at = "contacts[" + i + "]";
            if ((r.email() == null || r.email().isBlank()) && (r.externalId() == null || r.externalId().isBlank())) {
                checks.add(at + ".email", "email or externalId is required to match the row");
            }
            checks.timeZone(at + ".timeZone", r.timeZone());
            upserts.add(new ContactDirectory.ContactUpsert(r.externalId(),
                    new ContactDraft(r.email(), r.firstName(), r.lastName(), r.title(), r.phone(), r.company(),
                            r.country(), r.city(), Checks.id(r.accountId()), Checks.id(r.ownerId()),
                            r.lifecycleStage(), r.leadSource(), r.timeZone())));
        }
        checks.throwIfAny();
        List<ContactDirectory.UpsertResult> results = contacts.upsert(upserts);
        List<UpsertedRow> out = new ArrayList<>(results.size());
        int created = 0;
        for (int i = 0; i < results.size(); i++) {
            var r = results.get(i);
            created += r.created() ? 1 : 0;
            out.add(new UpsertedRow(i, Ids.format(r.contactId()), r.created() ? "created" : "updated"));
        }
        return new BulkUpsertResponse(created, results.size() - created, out);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
