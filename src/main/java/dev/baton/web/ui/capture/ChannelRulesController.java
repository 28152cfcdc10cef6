package dev.baton.web.ui.capture;

import dev.baton.capture.ChannelDecision;
import dev.baton.capture.ChannelRules;
import dev.baton.capture.ChannelRules.Condition;
import dev.baton.capture.ChannelRules.Field;
import dev.baton.capture.ChannelRules.InvalidRuleException;
import dev.baton.capture.ChannelRules.Operator;
import dev.baton.capture.ChannelRules.Rule;
import dev.baton.capture.ChannelRules.RuleDraft;
import dev.baton.capture.Touch;
import dev.baton.measurement.ChannelDay;
import dev.baton.measurement.EngagementRollups;
import dev.baton.platform.Channel;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.web.ui.UiController;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Channel rules: the ordered list in words, a form to add or edit a rule, priority moves, reset to the
 * defaults and a tester that says which rule picks a touch and why. Everyone with capture access reads and
 * tests; only ADMIN and OPS change rules (the same split as {@code /api/v1/channel-rules}; the security
 * configuration refuses writes from other roles).
 */
@Controller
class ChannelRulesController extends UiController {

    /** Condition rows on the form; the API allows 20, a person writes two or three. */
    static final int CONDITION_ROWS = 6;
    private static final Pattern CONDITION_FIELD = Pattern.compile("^conditions\\[(\\d+)\\](?:\\.(\\w+))?$");

    private final ChannelRules rules;
    private final EngagementRollups rollups;
    private final Clock clock;

    ChannelRulesController(ChannelRules rules, EngagementRollups rollups, Clock clock) {
        this.rules = rules;
        this.rollups = rollups;
        this.clock = clock;
    }

    /** One condition row of the form, as typed. */
    public record ConditionRow(String field, String operator, String value, boolean negate, String label) {

        static ConditionRow blank() {
            return new ConditionRow("", "", "", false, "");
        }

        static ConditionRow of(Condition c) {
            String value = c.operator() == Operator.IN_LIST ? String.join(", ", c.values())
                    : c.value() == null ? "" : c.value();
            return new ConditionRow(c.field().code(), c.operator().code(), value, c.negate(),
                    c.label() == null ? "" : c.label());
        }

        boolean empty() {
            return field.isBlank() && operator.isBlank() && value.isBlank();
        }
    }

    /** The rule form as typed. */
    public record RuleForm(String name, String channel, boolean enabled, String position, List<ConditionRow> rows) {
    }

    /** A rule as the list shows it. */
    public record RuleRow(Rule rule, String id, List<String> conditions) {
    }

    /** What the tester found. */
    public record TestResult(ChannelDecision decision, Touch touch, int position) {
    }

    @ModelAttribute("canEdit")
    boolean canEdit(Authentication auth) {
        return CaptureRoles.canManage(auth);
    }

    @GetMapping("/capture/channels")
    String list(@RequestParam(required = false) String url, @RequestParam(required = false) String referrer,
            @RequestParam(name = "utm_source", required = false) String utmSource,
            @RequestParam(name = "utm_medium", required = false) String utmMedium,
            @RequestParam(name = "utm_campaign", required = false) String utmCampaign, Model model) {
        List<Rule> all = rules.list();
        List<RuleRow> rows = new ArrayList<>();
        for (Rule r : all) {
            rows.add(new RuleRow(r, Ids.format(r.id()), r.conditions().stream().map(ChannelRulesController::words)
                    .toList()));
        }
        model.addAttribute("rules", rows);
        model.addAttribute("counts", channelCounts());
        boolean testing = notBlank(url) || notBlank(referrer) || notBlank(utmSource) || notBlank(utmMedium)
                || notBlank(utmCampaign);
        model.addAttribute("t", Map.of("url", orEmpty(url), "referrer", orEmpty(referrer), "utm_source",
                orEmpty(utmSource), "utm_medium", orEmpty(utmMedium), "utm_campaign", orEmpty(utmCampaign)));
        if (testing) {
            Touch touch = touch(url, referrer, utmSource, utmMedium, utmCampaign);
            ChannelDecision d = rules.classify(touch);
            int position = all.stream().filter(r -> r.name().equals(d.ruleName())).mapToInt(Rule::position)
                    .findFirst().orElse(0);
            model.addAttribute("result", new TestResult(d, touch, position));
        }
        return "capture/channels";
    }

    @GetMapping("/capture/channels/new")
    String newRule(Model model) {
        List<ConditionRow> rows = new ArrayList<>();
        while (rows.size() < CONDITION_ROWS) {
            rows.add(ConditionRow.blank());
        }
        return form(model, null, new RuleForm("", "", true, "", rows), Map.of());
    }

    @GetMapping("/capture/channels/{id}/edit")
    String edit(@PathVariable String id, Model model) {
        Rule rule = find(id);
        List<ConditionRow> rows = new ArrayList<>(rule.conditions().stream().map(ConditionRow::of).toList());
        while (rows.size() < Math.max(CONDITION_ROWS, rule.conditions().size() + 1)) {
            rows.add(ConditionRow.blank());
        }
        return form(model, rule, new RuleForm(rule.name(), rule.channel().code(), rule.enabled(),
                String.valueOf(rule.position()), rows), Map.of());
    }

    @PostMapping("/capture/channels")
    String create(@RequestParam Map<String, String> params, Model model, RedirectAttributes flash,
            HttpServletResponse response) {
        return save(null, params, model, flash, response);
    }

    @PostMapping("/capture/channels/{id}")
    String update(@PathVariable String id, @RequestParam Map<String, String> params, Model model,
            RedirectAttributes flash, HttpServletResponse response) {
        return save(find(id), params, model, flash, response);
    }

    @PostMapping("/capture/channels/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes flash) {
        Rule rule = find(id);
        rules.delete(rule.id());
        flash.addFlashAttribute("notice", "Rule \"" + rule.name() + "\" was deleted.");
        return "redirect:/capture/channels";
    }

    @PostMapping("/capture/channels/{id}/move")
    String move(@PathVariable String id, @RequestParam String direction, RedirectAttributes flash) {
        Rule rule = find(id);
        List<Long> ids = new ArrayList<>(rules.list().stream().map(Rule::id).toList());
        int at = ids.indexOf(rule.id());
        int to = "up".equals(direction) ? at - 1 : "down".equals(direction) ? at + 1 : at;
        if (to >= 0 && to < ids.size() && to != at) {
            ids.remove(at);
            ids.add(to, rule.id());
            rules.reorder(ids);
            flash.addFlashAttribute("notice", "\"" + rule.name() + "\" is now tried " + ordinal(to + 1) + ".");
        }
        return "redirect:/capture/channels#rule-" + id;
    }

    @PostMapping("/capture/channels/reset")
    String reset(RedirectAttributes flash) {
        int n = rules.resetToDefaults().size();
        flash.addFlashAttribute("notice", "Channel rules were reset to the " + n + " built-in defaults.");
        return "redirect:/capture/channels";
    }

    private String save(Rule existing, Map<String, String> params, Model model, RedirectAttributes flash,
            HttpServletResponse response) {
        RuleForm form = read(params, existing);
        Map<String, String> errors = new LinkedHashMap<>();
        String name = form.name().strip();
        if (name.isEmpty()) {
            errors.put("name", "Give the rule a name, e.g. \"Paid social from LinkedIn\".");
        } else if (name.length() > 100) {
            errors.put("name", "Name must be at most 100 characters.");
        }
        Channel channel = Channel.fromCode(form.channel());
        if (channel == null) {
            errors.put("channel", "Choose the channel this rule puts touches in.");
        }
        Integer position = null;
        if (!form.position().isBlank()) {
            try {
                position = Integer.parseInt(form.position().strip());
                if (position < 1) {
                    errors.put("position", "Priority must be 1 or more (1 is tried first).");
                }
            } catch (NumberFormatException e) {
                errors.put("position", "Priority must be a whole number (1 is tried first).");
            }
        }
        List<Condition> conditions = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        for (int i = 0; i < form.rows().size(); i++) {
            ConditionRow row = form.rows().get(i);
            if (row.empty()) {
                continue;
            }
            Field field = Field.fromCode(row.field()).orElse(null);
            Operator op = Operator.fromCode(row.operator()).orElse(null);
            if (field == null) {
                errors.put("c" + i, "Choose the field this condition looks at.");
                continue;
            }
            if (op == null) {
                errors.put("c" + i, "Choose how the field is compared.");
                continue;
            }
            String value = row.value().strip();
            List<String> values = List.of();
            if (op == Operator.IN_LIST) {
                values = Arrays.stream(value.split("[,\\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                value = null;
            } else if (op == Operator.IS_EMPTY) {
                value = null;
            }
            conditions.add(new Condition(field, op, value, values, row.negate(), row.label()));
            rowOf.add(i);
        }
        if (conditions.isEmpty() && errors.keySet().stream().noneMatch(k -> k.matches("c\\d+"))) {
            errors.put("conditions", "Add at least one condition.");
        }
        if (errors.isEmpty()) {
            RuleDraft draft = new RuleDraft(name, channel, conditions, form.enabled(), position);
            try {
                Rule saved = existing == null ? rules.create(draft) : rules.update(existing.id(), draft);
                flash.addFlashAttribute("notice", "Rule \"" + saved.name() + "\" was saved; it is tried "
                        + ordinal(saved.position()) + ".");
                return "redirect:/capture/channels#rule-" + Ids.format(saved.id());
            } catch (InvalidRuleException e) {
                errors.put(formKey(e.field(), rowOf), e.getMessage());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return form(model, existing, form, errors);
    }

    /** The form key beside which a back-end message shows: "conditions[1].value" is the second filled row. */
    static String formKey(String field, List<Integer> rowOf) {
        if (field == null) {
            return "conditions";
        }
        Matcher m = CONDITION_FIELD.matcher(field);
        if (m.matches()) {
            int k = Integer.parseInt(m.group(1));
            return k < rowOf.size() ? "c" + rowOf.get(k) : "conditions";
        }
        return switch (field) {
            case "name", "channel", "position" -> field;
            default -> "conditions";
        };
    }

    private RuleForm read(Map<String, String> p, Rule existing) {
        List<ConditionRow> rows = new ArrayList<>();
        int count = Math.min(20, Math.max(CONDITION_ROWS, parseInt(p.get("rows"), CONDITION_ROWS)));
        for (int i = 0; i < count; i++) {
            rows.add(new ConditionRow(orEmpty(p.get("c" + i + "_field")), orEmpty(p.get("c" + i + "_operator")),
                    orEmpty(p.get("c" + i + "_value")), p.containsKey("c" + i + "_negate"),
                    orEmpty(p.get("c" + i + "_label"))));
        }
        return new RuleForm(orEmpty(p.get("name")), orEmpty(p.get("channel")), p.containsKey("enabled"),
                orEmpty(p.get("position")), rows);
    }

    private String form(Model model, Rule existing, RuleForm form, Map<String, String> errors) {
        model.addAttribute("rule", existing);
        model.addAttribute("ruleId", existing == null ? null : Ids.format(existing.id()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("channels", Channel.values());
        model.addAttribute("fields", Field.values());
        model.addAttribute("operators", Operator.values());
        model.addAttribute("ruleCount", rules.list().size());
        return "capture/channel-form";
    }

    private Rule find(String id) {
        if (!Ids.isValid(id)) {
            throw new NotFoundException("channel rule", id);
        }
        return rules.find(Ids.parse(id)).orElseThrow(() -> new NotFoundException("channel rule", id));
    }

    /** Activities per channel over the last 30 days, from the engagement rollups (one small query). */
    private Map<Channel, Long> channelCounts() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<Channel, Long> counts = new EnumMap<>(Channel.class);
        for (ChannelDay d : rollups.channelTrend(today.minusDays(29), today)) {
            Channel c = Channel.fromCode(d.channel());
            if (c != null) {
                counts.merge(c, d.count(), Long::sum);
            }
        }
        return counts;
    }

    /** The touch the tester classifies: UTMs typed in win over those in the pasted URL. */
    static Touch touch(String url, String referrer, String source, String medium, String campaign) {
        Map<String, String> fromUrl = new LinkedHashMap<>();
        if (notBlank(url)) {
            try {
                UriComponentsBuilder.fromUriString(url.strip()).build().getQueryParams().forEach((k, v) -> {
                    if (!v.isEmpty() && v.get(0) != null) {
                        fromUrl.putIfAbsent(k.toLowerCase(Locale.ROOT),
                                java.net.URLDecoder.decode(v.get(0), java.nio.charset.StandardCharsets.UTF_8));
                    }
                });
            } catch (IllegalArgumentException e) {
                // not a URL the builder understands: classify it as typed, without UTMs from it
            }
        }
        return new Touch(pick(source, fromUrl.get("utm_source")), pick(medium, fromUrl.get("utm_medium")),
                pick(campaign, fromUrl.get("utm_campaign")), fromUrl.get("utm_term"), fromUrl.get("utm_content"),
                notBlank(referrer) ? referrer.strip() : null, notBlank(url) ? url.strip() : null);
    }

    /** A condition in words, e.g. "utm_source is a search engine" or "referrer_host is empty". */
    static String words(Condition c) {
        String f = c.field().code();
        boolean not = c.negate();
        if (c.label() != null && c.operator() != Operator.IS_EMPTY) {
            return f + (not ? " is not " : " is ") + c.label();
        }
        return switch (c.operator()) {
            case IS_EMPTY -> f + (not ? " is present" : " is empty");
            case EQUALS -> f + (not ? " is not '" : " is '") + c.value() + "'";
            case CONTAINS -> f + (not ? " does not contain '" : " contains '") + c.value() + "'";
            case STARTS_WITH -> f + (not ? " does not start with '" : " starts with '") + c.value() + "'";
            case REGEX -> f + (not ? " does not match /" : " matches /") + c.value() + "/";
            case IN_LIST -> {
                List<String> items = c.values();
                int shown = Math.min(5, items.size());
                yield f + (not ? " is not one of " : " is one of ") + String.join(", ", items.subList(0, shown))
                        + (items.size() > shown ? " (+" + (items.size() - shown) + " more)" : "");
            }
        };
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }

    private static String pick(String typed, String fromUrl) {
        return notBlank(typed) ? typed.strip() : fromUrl;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static int parseInt(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
