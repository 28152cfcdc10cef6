package dev.baton.web.api;

import dev.baton.capture.ChannelDecision;
import dev.baton.capture.ChannelRules;
import dev.baton.capture.ChannelRules.Condition;
import dev.baton.capture.ChannelRules.Field;
import dev.baton.capture.ChannelRules.InvalidRuleException;
import dev.baton.capture.ChannelRules.Operator;
import dev.baton.capture.ChannelRules.Rule;
import dev.baton.capture.ChannelRules.RuleDraft;
import dev.baton.capture.Touch;
import dev.baton.platform.Channel;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/channel-rules", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Channel rules", description = "How touches (UTM parameters, referrer, landing page) are grouped "
        + "into channels; tried in position order, the first rule whose conditions all hold decides")
class ChannelRulesApi {

    static final int MAX_SAMPLES = 1_000;

    private final ChannelRules rules;

    ChannelRulesApi(ChannelRules rules) {
        this.rules = rules;
    }

    public record ConditionRequest(
            @NotBlank String field,
            @NotBlank String operator,
            @Size(max = 500) String value,
            @Size(max = 500) List<@NotNull @Size(max = 500) String> values,
            Boolean negate,
            @Size(max = 100) String label) {
    }

    /** A rule; position is its 1-based priority (omit to append on create, to keep it on update). */
    public record RuleRequest(
            @NotBlank @Size(max = 100) String name,
            @NotBlank String channel,
            @NotNull @Size(min = 1, max = 20) List<@NotNull @Valid ConditionRequest> conditions,
            Boolean enabled,
            @Min(1) Integer position) {

        RuleDraft draft(String at) {
            Checks checks = new Checks();
            Channel ch = parseChannel(channel);
            if (ch == null) {
                checks.add(at + "channel", "unknown channel '" + channel + "'; one of " + codes(Channel.values(),
                        c -> c.code()));
            }
            List<Condition> out = new ArrayList<>();
            for (int i = 0; i < conditions.size(); i++) {
                ConditionRequest c = conditions.get(i);
                String path = at + "conditions[" + i + "]";
                Field f = Field.fromCode(c.field()).orElse(null);
                Operator o = Operator.fromCode(c.operator()).orElse(null);
                if (f == null) {
                    checks.add(path + ".field", "unknown field '" + c.field() + "'; one of "
                            + codes(Field.values(), Field::code));
                }
                if (o == null) {
                    checks.add(path + ".operator", "unknown operator '" + c.operator() + "'; one of "
                            + codes(Operator.values(), Operator::code));
                }
                out.add(new Condition(f, o, c.value(), c.values(), Boolean.TRUE.equals(c.negate()), c.label()));
            }
            checks.throwIfAny();
            return new RuleDraft(name, ch, out, enabled == null || enabled, position);
        }
    }

    public record ConditionView(String field, String operator, String value, List<String> values, boolean negate,
            String label) {

        static ConditionView of(Condition c) {
            return new ConditionView(c.field().code(), c.operator().code(), c.value(),
                    c.values().isEmpty() ? null : c.values(), c.negate(), c.label());
        }
    }

    public record RuleView(String id, int position, String name, String channel, List<ConditionView> conditions,
            boolean enabled, boolean builtin, Instant updatedAt) {

        static RuleView of(Rule r) {
            return new RuleView(Ids.format(r.id()), r.position(), r.name(), r.channel().code(),
                    r.conditions().stream().map(ConditionView::of).toList(), r.enabled(), r.builtin(), r.updatedAt());
        }
    }

    /** A touch to classify: UTM parameters, referrer URL and landing page URL; any may be omitted. */
    public record TouchRequest(
            @Size(max = 2048) String utmSource,
            @Size(max = 2048) String utmMedium,
            @Size(max = 2048) String utmCampaign,
            @Size(max = 2048) String utmTerm,
            @Size(max = 2048) String utmContent,
            @Size(max = 4096) String referrer,
            @Size(max = 4096) String pageUrl) {

        Touch touch() {
            return new Touch(utmSource, utmMedium, utmCampaign, utmTerm, utmContent, referrer, pageUrl);
        }

        static TouchRequest of(Touch t) {
            return new TouchRequest(t.utmSource(), t.utmMedium(), t.utmCampaign(), t.utmTerm(), t.utmContent(),
                    t.referrer(), t.pageUrl());
        }
    }

    public record DecisionView(String channel, String channelLabel, String rule, String reason) {

        static DecisionView of(ChannelDecision d) {
            return d == null ? null : new DecisionView(d.channel().code(), d.channel().label(), d.ruleName(),
                    d.reason());
        }
    }

    public record PreviewRequest(
            @NotNull @Valid RuleRequest rule,
            @NotNull @Size(max = MAX_SAMPLES) List<@NotNull @Valid TouchRequest> samples) {
    }

    /** decision: what the previewed rule decides (null when it does not match); current: what the saved rules decide. */
    public record PreviewRowView(TouchRequest touch, boolean matches, DecisionView decision, DecisionView current) {
    }

    public record ReorderRequest(@NotNull @Size(min = 1) List<@NotNull String> ids) {
    }

    @GetMapping
    @Operation(summary = "List the channel rules in priority order")
    ApiPage<RuleView> list() {
        return new ApiPage<>(rules.list().stream().map(RuleView::of).toList(), null);
    }

    @GetMapping("/{id}")
    RuleView get(@PathVariable String id) {
        long ruleId = Checks.pathId("channel rule", id);
        return rules.find(ruleId).map(RuleView::of).orElseThrow(() -> new NotFoundException("channel rule", id));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a rule", description = "Fields: " + "utm_source, utm_medium, utm_campaign, utm_term, "
            + "utm_content, referrer_host (empty for this site's own host), referrer, page_host, page_url, "
            + "page_query. Operators: equals, contains, starts_with, regex, in_list (values), is_empty; all "
            + "ignore case; negate inverts a condition; label names the operand in explanations.")
    ResponseEntity<RuleView> create(@Valid @RequestBody RuleRequest body) {
        RuleView view = RuleView.of(invalidToProblem("", () -> rules.create(body.draft(""))));
        return ResponseEntity.created(URI.create("/api/v1/channel-rules/" + view.id())).body(view);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    RuleView update(@PathVariable String id, @Valid @RequestBody RuleRequest body) {
        long ruleId = Checks.pathId("channel rule", id);
        if (rules.find(ruleId).isEmpty()) {
            throw new NotFoundException("channel rule", id);
        }
        return RuleView.of(invalidToProblem("", () -> rules.update(ruleId, body.draft(""))));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        long ruleId = Checks.pathId("channel rule", id);
        if (rules.find(ruleId).isEmpty()) {
            throw new NotFoundException("channel rule", id);
        }
        rules.delete(ruleId);
    }

    @PostMapping(path = "/reorder", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set the priority order", description = "List every rule id exactly once, first = tried first.")
    ApiPage<RuleView> reorder(@Valid @RequestBody ReorderRequest body) {
        Checks checks = new Checks();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < body.ids().size(); i++) {
            String text = body.ids().get(i);
            if (Ids.isValid(text)) {
                ids.add(Ids.parse(text));
            } else {
                checks.add("ids[" + i + "]", "must be a 13-character Baton id");
            }
        }
        checks.throwIfAny();
        return new ApiPage<>(invalidToProblem("", () -> rules.reorder(ids)).stream().map(RuleView::of).toList(),
                null);
    }

    @PostMapping(path = "/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Try a rule on sample touches without saving it",
            description = "For each sample: whether the rule matches, its decision, and what the saved rules decide.")
    List<PreviewRowView> preview(@Valid @RequestBody PreviewRequest body) {
        RuleDraft draft = body.rule().draft("rule.");
        List<Touch> samples = body.samples().stream().map(TouchRequest::touch).toList();
        return invalidToProblem("rule.", () -> rules.preview(draft, samples)).stream()
                .map(r -> new PreviewRowView(TouchRequest.of(r.touch()), r.matches(), DecisionView.of(r.decision()),
                        DecisionView.of(r.current())))
                .toList();
    }

    @PostMapping(path = "/classify", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Classify one touch with the saved rules, saying why")
    DecisionView classify(@Valid @RequestBody TouchRequest body) {
        return DecisionView.of(rules.classify(body.touch()));
    }

    @PostMapping("/reset")
    @Operation(summary = "Replace every rule with the built-in defaults")
    ApiPage<RuleView> reset() {
        return new ApiPage<>(rules.resetToDefaults().stream().map(RuleView::of).toList(), null);
    }

    private static <T> T invalidToProblem(String prefix, Supplier<T> action) {
        try {
            return action.get();
        } catch (InvalidRuleException e) {
            throw new ApiValidationException(prefix + e.field(), e.getMessage());
        }
    }

    static Channel parseChannel(String text) {
        if (text == null) {
            return null;
        }
        Channel c = Channel.fromCode(text.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
        return c;
    }

    private static <T> String codes(T[] values, java.util.function.Function<T, String> code) {
        return Arrays.stream(values).map(code).collect(Collectors.joining(", "));
    }
}
