package dev.baton.web.ui.capture;

import dev.baton.capture.QrCode;
import dev.baton.capture.QrCodes;
import dev.baton.capture.QrImages;
import dev.baton.capture.QrPrintFiles;
import dev.baton.management.Campaign;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignQuery;
import dev.baton.people.Contact;
import dev.baton.people.ContactDirectory;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.ActivityQuery;
import dev.baton.platform.BatonProperties;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.SortOrder;
import dev.baton.web.ui.UiController;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * QR codes for direct mail: the campaigns that have codes with their scans, generating codes (one per campaign
 * member or one for the whole campaign), the vendor downloads and recent scans. Scan counts and recent scans
 * read the activity log's campaign index (the activity-index processor keeps it within a second of a scan).
 */
@Controller
class QrCodesController extends UiController {

    static final String SCANNED = "qr_scanned";
    static final int CODES_SHOWN = 200;
    private static final Pattern UTM_VALUE = Pattern.compile("[A-Za-z0-9 ._~:/+-]{1,100}");
    private static final List<String> UTM_FIELDS = List.of("utm_source", "utm_medium", "utm_campaign", "utm_content");

    private final QrCodes codes;
    private final QrPrintFiles files;
    private final CampaignManagement campaigns;
    private final ContactDirectory contacts;
    private final ActivityLog log;
    private final BatonProperties props;
    private final Clock clock;

    QrCodesController(QrCodes codes, QrPrintFiles files, CampaignManagement campaigns, ContactDirectory contacts,
            ActivityLog log, BatonProperties props, Clock clock) {
        this.codes = codes;
        this.files = files;
        this.campaigns = campaigns;
        this.contacts = contacts;
        this.log = log;
        this.props = props;
        this.clock = clock;
    }

    /** A campaign's codes with its scan counts. */
    public record Batch(Campaign campaign, QrCodes.CampaignCodes codes, long scans, long scans7) {
    }

    /** A scan with the campaign and the person (null for a campaign-wide code or a deleted contact). */
    public record Scan(Activity activity, Campaign campaign, Contact contact) {
    }

    /** A code with its recipient. */
    public record CodeRow(QrCode code, String id, Contact contact, String url) {
    }

    @GetMapping("/capture/qr")
    String list(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of("scope", "recipients"));
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        fill(model);
        return "capture/qr";
    }

    @PostMapping("/capture/qr")
    String generate(@RequestParam Map<String, String> p, Model model, RedirectAttributes flash,
            HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        String campaignText = p.getOrDefault("campaign", "").strip();
        Campaign campaign = Ids.isValid(campaignText) ? campaigns.find(Ids.parse(campaignText)).orElse(null) : null;
        if (campaign == null) {
            errors.put("campaign", "Choose the campaign the mail piece belongs to.");
        }
        String scope = "campaign".equals(p.get("scope")) ? "campaign" : "recipients";
        String target = p.getOrDefault("targetUrl", "").strip();
        String problem = QrCodes.checkTargetUrl(target);
        if (problem != null) {
            errors.put("targetUrl", "The landing page URL " + problem + ".");
        }
        StringBuilder finalUrl = new StringBuilder(target);
        java.util.Set<String> present = problem == null ? queryNames(target) : java.util.Set.of();
        for (String utm : UTM_FIELDS) {
            String value = p.getOrDefault(utm, "").strip();
            if (value.isEmpty()) {
                continue;
            }
            if (!UTM_VALUE.matcher(value).matches()) {
                errors.put(utm, "Use up to 100 letters, digits, spaces or . _ - ~ : / +");
            } else if (problem == null && !present.contains(utm)) {
                // before any #fragment, keeping the target's own query exactly as typed
                int hash = finalUrl.indexOf("#");
                int end = hash < 0 ? finalUrl.length() : hash;
                String head = finalUrl.substring(0, end);
                char sep = head.indexOf('?') < 0 ? '?' : (head.endsWith("?") || head.endsWith("&") ? 0 : '&');
                String pair = (sep == 0 ? "" : String.valueOf(sep)) + utm + "="
                        + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
                finalUrl.insert(end, pair);
            }
        }
        if (errors.isEmpty() && QrCodes.checkTargetUrl(finalUrl.toString()) != null) {
            errors.put("targetUrl", "The landing page URL with its UTMs " + QrCodes.checkTargetUrl(
                    finalUrl.toString()) + ".");
        }
        if (errors.isEmpty() && scope.equals("recipients") && campaigns.summary(campaign.id()).members() == 0) {
            errors.put("scope", "\"" + campaign.name() + "\" has no members yet: add the mailing list as campaign "
                    + "members, or make one code for the whole campaign.");
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            Map<String, String> form = new LinkedHashMap<>(p);
            form.put("scope", scope);
            form.remove("_csrf");
            model.addAttribute("form", form);
            model.addAttribute("errors", errors);
            fill(model);
            return "capture/qr";
        }
        String id = Ids.format(campaign.id());
        if (scope.equals("campaign")) {
            codes.generateForCampaign(campaign.id(), finalUrl.toString());
            flash.addFlashAttribute("notice", "One code for the whole campaign was created.");
        } else {
            QrCodes.Generated g = codes.generateForRecipients(campaign.id(), null, finalUrl.toString());
            flash.addFlashAttribute("notice", g.created().size() + " recipient codes created"
                    + (g.kept().isEmpty() ? "." : "; " + g.kept().size() + " recipients already had one and keep it."));
        }
        return "redirect:/capture/qr/" + id;
    }

    @GetMapping("/capture/qr/{campaignId}")
    String show(@PathVariable String campaignId, Model model) {
        Campaign campaign = campaign(campaignId);
        List<QrCode> all = codes.list(campaign.id());
        String base = base();
        List<CodeRow> rows = new ArrayList<>();
        for (QrCode c : all.subList(0, Math.min(CODES_SHOWN, all.size()))) {
            rows.add(new CodeRow(c, c.contactId() == null ? null : Ids.format(c.contactId()),
                    c.contactId() == null ? null : contacts.find(c.contactId()).orElse(null),
                    QrPrintFiles.url(base, c)));
        }
        long[] scans = scans(campaign.id());
        model.addAttribute("campaign", campaign);
        model.addAttribute("campaignId", Ids.format(campaign.id()));
        model.addAttribute("total", all.size());
        model.addAttribute("recipientCodes", all.stream().filter(c -> c.contactId() != null).count());
        model.addAttribute("rows", rows);
        model.addAttribute("scans", scans[0]);
        model.addAttribute("scans7", scans[1]);
        model.addAttribute("recentScans", recentScans(List.of(campaign), 20));
        return "capture/qr-campaign";
    }

    @GetMapping("/capture/qr/{campaignId}/codes.csv")
    ResponseEntity<String> csv(@PathVariable String campaignId) {
        Campaign campaign = campaign(campaignId);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("qr-codes-" + campaignId + ".csv").build().toString())
                .body(files.csv(campaign.id(), base()));
    }

    @GetMapping("/capture/qr/{campaignId}/codes.zip")
    ResponseEntity<byte[]> zip(@PathVariable String campaignId, @RequestParam(defaultValue = "png") String format) {
        Campaign campaign = campaign(campaignId);
        boolean svg = "svg".equals(format);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("qr-codes-" + campaignId + (svg ? "-svg" : "-png") + ".zip").build().toString())
                .body(files.zip(campaign.id(), base(), svg));
    }

    @GetMapping("/capture/qr/{campaignId}/{token}.png")
    ResponseEntity<byte[]> png(@PathVariable String campaignId, @PathVariable String token) {
        QrCode code = code(campaignId, token);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noCache())
                .body(QrImages.png(QrPrintFiles.url(base(), code), QrPrintFiles.PNG_SIZE));
    }

    @GetMapping("/capture/qr/{campaignId}/{token}.svg")
    ResponseEntity<String> svg(@PathVariable String campaignId, @PathVariable String token) {
        QrCode code = code(campaignId, token);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("image/svg+xml"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("qr-" + token + ".svg").build().toString())
                .cacheControl(CacheControl.noCache()).body(QrImages.svg(QrPrintFiles.url(base(), code)));
    }

    private void fill(Model model) {
        List<Batch> batches = new ArrayList<>();
        List<Campaign> withCodes = new ArrayList<>();
        for (QrCodes.CampaignCodes cc : codes.campaignsWithCodes()) {
            Campaign c = campaigns.find(cc.campaignId()).orElse(null);
            if (c == null) {
                continue;
            }
            long[] scans = scans(c.id());
            batches.add(new Batch(c, cc, scans[0], scans[1]));
            withCodes.add(c);
        }
        model.addAttribute("batches", batches);
        model.addAttribute("recentScans", recentScans(withCodes.subList(0, Math.min(50, withCodes.size())), 15));
        model.addAttribute("campaignOptions", campaigns.search(new CampaignQuery(null, null, null, null, null,
                new SortOrder<>(CampaignQuery.Sort.START_DATE, true, 0, null, 500))));
    }

    /** All-time and 7-day scans of a campaign, from the campaign's activity counts. */
    private long[] scans(long campaignId) {
        Instant now = clock.instant();
        return log.typeCounts(ActivityLog.SubjectKind.CAMPAIGN, campaignId, now.minus(Duration.ofDays(7)),
                        now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(90)), now.plusSeconds(1))
                .stream().filter(t -> t.type().equals(SCANNED)).findFirst()
                .map(t -> new long[] {t.total(), t.last7()}).orElse(new long[] {0, 0});
    }

    private List<Scan> recentScans(List<Campaign> of, int limit) {
        List<Scan> out = new ArrayList<>();
        for (Campaign c : of) {
            for (Activity a : log.list(new ActivityQuery(null, null, c.id(), SCANNED, null, null, null, null,
                    limit))) {
                out.add(new Scan(a, c, null));
            }
        }
        out.sort(Comparator.comparing((Scan s) -> s.activity().occurredAt()).reversed());
        List<Scan> shown = new ArrayList<>();
        for (Scan s : out.subList(0, Math.min(limit, out.size()))) {
            Long who = s.activity().contactId();
            shown.add(new Scan(s.activity(), s.campaign(), who == null ? null : contacts.find(who).orElse(null)));
        }
        return shown;
    }

    /** The lower-cased parameter names in a URL's query. */
    static java.util.Set<String> queryNames(String url) {
        java.util.Set<String> names = new java.util.HashSet<>();
        int hash = url.indexOf('#');
        String head = hash < 0 ? url : url.substring(0, hash);
        int q = head.indexOf('?');
        if (q >= 0) {
            for (String pair : head.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                names.add((eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private Campaign campaign(String id) {
        if (!Ids.isValid(id)) {
            throw new NotFoundException("campaign", id);
        }
        return campaigns.find(Ids.parse(id)).orElseThrow(() -> new NotFoundException("campaign", id));
    }

    private QrCode code(String campaignId, String token) {
        Campaign campaign = campaign(campaignId);
        return codes.find(token).filter(c -> c.campaignId() == campaign.id())
                .orElseThrow(() -> new NotFoundException("QR code", token));
    }

    /** BATON_PUBLIC_URL when set (what recipients' phones can reach), else the address of this request. */
    private String base() {
        String configured = props.publicUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
