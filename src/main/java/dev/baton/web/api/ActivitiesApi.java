package dev.baton.web.api;

import dev.baton.management.CampaignManagement;
import dev.baton.people.AccountDirectory;
import dev.baton.people.ContactDirectory;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.ActivityQuery;
import dev.baton.platform.Channel;
import dev.baton.platform.Ids;
import dev.baton.platform.NewActivity;
import dev.baton.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The activity log over HTTP. Activities are append-only: there is no update or delete (405).
 * Lists run newest first; the cursor is the id of the last activity shown.
 */
@RestController
@RequestMapping(path = "/api/v1/activities", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Activities", description = "The append-only activity log")
class ActivitiesApi {

    static final int MAX_BATCH = 10_000;
    static final int MAX_PROPERTIES_CHARS = 32_768;
    static final String TYPE = "^[a-z][a-z0-9_.]{0,63}$";

    private final ActivityLog log;
    private final ContactDirectory contacts;
    private final AccountDirectory accounts;
    private final CampaignManagement campaigns;
    private final ObjectMapper json;
    private final Validator validator;

    ActivitiesApi(ActivityLog log, ContactDirectory contacts, AccountDirectory accounts,
            CampaignManagement campaigns, ObjectMapper json, Validator validator) {
        this.log = log;
        this.contacts = contacts;
        this.accounts = accounts;
        this.campaigns = campaigns;
        this.json = json;
        this.validator = validator;
    }

    public record UtmRequest(@Size(max = 200) String source, @Size(max = 200) String medium,
            @Size(max = 200) String campaign, @Size(max = 200) String term, @Size(max = 200) String content) {
    }

    /** Something that happened; type is lower-case dotted, e.g. {@code page.viewed} or {@code form_submitted}. */
    public record ActivityRequest(
            @NotNull Instant occurredAt,
            @NotNull @Pattern(regexp = TYPE, message = "must match " + TYPE) String type,
            @ValidId String contactId,
            @ValidId String accountId,
            @ValidId String campaignId,
            Channel channel,
            @Valid UtmRequest utm,
            Map<String, Object> properties) {
    }

    public record ActivityBatchRequest(@NotNull List<@NotNull @Valid ActivityRequest> activities) {
    }

    public record ActivityBatchResponse(int appended, List<String> ids) {
    }

    public record UtmView(String source, String medium, String campaign, String term, String content) {
    }

    public record ActivityView(String id, Instant occurredAt, Instant recordedAt, String type, String contactId,
            String accountId, String campaignId, String channel, UtmView utm, JsonNode properties) {
    }

    @GetMapping
    @Operation(summary = "List activities, newest first",
            description = "since is inclusive, until exclusive (occurredAt). cursor = the previous page's nextCursor.")
    ApiPage<ActivityView> list(@RequestParam(required = false) String contactId,
            @RequestParam(required = false) String accountId,
            @RequestParam(required = false) String campaignId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) Channel channel,
            @RequestParam(required = false) Instant since,
            @RequestParam(required = false) Instant until,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        Paging.limit(limit);
        if (type != null && !type.isEmpty() && !type.matches(TYPE)) {
            throw new ApiValidationException("type", "must match " + TYPE);
        }
        ActivityQuery query = new ActivityQuery(Params.id("contactId", contactId), Params.id("accountId", accountId),
                Params.id("campaignId", campaignId), ContactsApi.blankToNull(type),
                channel == null ? null : channel.code(), since, until, Paging.cursor(cursor), limit + 1);
        return ApiPage.of(log.list(query), limit, Activity::id, this::view);
    }

    @GetMapping("/{id}")
    ActivityView get(@PathVariable String id) {
        return log.find(Checks.pathId("activity", id)).map(this::view)
                .orElseThrow(() -> new NotFoundException("activity", id));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Append one activity")
    ResponseEntity<ActivityView> append(@Valid @RequestBody ActivityRequest body) {
        NewActivity activity = toNew(body, "", new References());
        long id = log.append(List.of(activity)).get(0);
        ActivityView view = view(log.find(id).orElseThrow());
        return ResponseEntity.created(URI.create("/api/v1/activities/" + view.id())).body(view);
    }

    @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Append up to 10,000 activities in one transaction",
            description = "All or nothing: any invalid row rejects the batch, naming it as activities[i].field. "
                    + "413 beyond 10,000 rows.")
    ResponseEntity<ActivityBatchResponse> appendBatch(@RequestBody ActivityBatchRequest body) {
        List<ActivityRequest> rows = body.activities();
        if (rows != null && rows.size() > MAX_BATCH) {
            throw new PayloadTooLargeException("activities", MAX_BATCH, rows.size());
        }
        Params.validate(validator, body);
        References refs = new References();
        List<NewActivity> activities = new ArrayList<>(rows.size());
        List<ApiProblem.FieldProblem> errors = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                activities.add(toNew(rows.get(i), "activities[" + i + "].", refs));
            } catch (ApiValidationException e) {
                errors.addAll(e.errors());
                if (errors.size() >= 100) {
                    break;
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiValidationException(errors);
        }
        List<String> ids = log.append(activities).stream().map(Ids::format).toList();
        return ResponseEntity.status(HttpStatus.CREATED).body(new ActivityBatchResponse(ids.size(), ids));
    }

    /** Remembers which referenced ids exist, so a batch looks each one up once. */
    private final class References {
        private final Map<String, Boolean> known = new HashMap<>();

        boolean exists(String kind, long id, LongPredicate lookup) {
            return known.computeIfAbsent(kind + id, k -> lookup.test(id));
        }
    }

    private NewActivity toNew(ActivityRequest r, String prefix, References refs) {
        Checks checks = new Checks();
        Long contactId = Checks.id(r.contactId());
        Long accountId = Checks.id(r.accountId());
        Long campaignId = Checks.id(r.campaignId());
        if (contactId != null && !refs.exists("contact", contactId, id -> contacts.find(id).isPresent())) {
            checks.add(prefix + "contactId", "refers to no contact");
        }
        if (accountId != null && !refs.exists("account", accountId, id -> accounts.find(id).isPresent())) {
            checks.add(prefix + "accountId", "refers to no account");
        }
        if (campaignId != null && !refs.exists("campaign", campaignId, id -> campaigns.find(id).isPresent())) {
            checks.add(prefix + "campaignId", "refers to no campaign");
        }
        String props = null;
        if (r.properties() != null) {
            try {
                props = json.writeValueAsString(r.properties());
            } catch (JacksonException e) {
                checks.add(prefix + "properties", "must be a JSON object");
            }
            if (props != null && props.length() > MAX_PROPERTIES_CHARS) {
                checks.add(prefix + "properties", "must be at most " + MAX_PROPERTIES_CHARS + " characters of JSON");
            }
        }
        checks.throwIfAny();
        UtmRequest u = r.utm();
        Activity.Utm utm = u == null ? Activity.Utm.NONE
                : new Activity.Utm(u.source(), u.medium(), u.campaign(), u.term(), u.content());
        return new NewActivity(r.occurredAt(), r.type(), contactId, accountId, campaignId,
                r.channel() == null ? null : r.channel().code(), utm, props);
    }

    private ActivityView view(Activity a) {
        JsonNode props = null;
        if (a.props() != null) {
            try {
                props = json.readTree(a.props());
            } catch (JacksonException e) {
                props = json.getNodeFactory().stringNode(a.props());
            }
        }
        Activity.Utm u = a.utm();
        return new ActivityView(Ids.format(a.id()), a.occurredAt(), a.recordedAt(), a.type(),
                Ids.formatNullable(a.contactId()), Ids.formatNullable(a.accountId()),
                Ids.formatNullable(a.campaignId()), a.channel(),
                new UtmView(u.source(), u.medium(), u.campaign(), u.term(), u.content()), props);
    }
}
