package dev.baton.web.api;

import dev.baton.capture.QrCode;
import dev.baton.capture.QrCodes;
import dev.baton.capture.QrImages;
import dev.baton.capture.QrPrintFiles;
import dev.baton.management.CampaignManagement;
import dev.baton.platform.BatonProperties;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/campaigns/{campaignId}")
@Tag(name = "QR codes", description = "QR codes for direct mail: per recipient or per campaign")
class QrCodesApi {

    static final int MAX_CONTACT_IDS = 50_000;
    static final int PNG_SIZE = QrPrintFiles.PNG_SIZE;

    private final QrCodes codes;
    private final CampaignManagement campaigns;
    private final BatonProperties props;
    private final QrPrintFiles files;

    QrCodesApi(QrCodes codes, CampaignManagement campaigns, BatonProperties props, QrPrintFiles files) {
        this.codes = codes;
        this.campaigns = campaigns;
        this.props = props;
        this.files = files;
    }

    public enum Scope {
        recipients, campaign
    }

    /**
     * @param scope recipients (default): one code per contact in contactIds, or per campaign member when
     *     contactIds is omitted; campaign: one code for the whole campaign
     */
    public record GenerateRequest(
            @NotBlank @Size(max = QrCodes.MAX_TARGET_URL_LENGTH) String targetUrl,
            Scope scope,
            List<@ValidId String> contactIds) {
    }

    public record QrCodeView(String token, String url, String campaignId, String contactId, String targetUrl,
            Instant createdAt, String png, String svg) {
    }

    public record GenerateResponse(int created, int kept, List<QrCodeView> codes) {
    }

    public record QrCodeList(List<QrCodeView> codes) {
    }

    @PostMapping(path = "/qr-codes", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Generate QR codes", description = "Per recipient (contactIds, or every member when "
            + "omitted; a recipient who already has a code keeps it) or one per campaign (scope=campaign).")
    ResponseEntity<GenerateResponse> generate(@PathVariable String campaignId,
            @Valid @RequestBody GenerateRequest body) {
        long campaign = campaign(campaignId);
        String problem = QrCodes.checkTargetUrl(body.targetUrl());
        if (problem != null) {
            throw new ApiValidationException("targetUrl", problem);
        }
        String base = base();
        if (body.scope() == Scope.campaign) {
            if (body.contactIds() != null) {
                throw new ApiValidationException("contactIds", "must be omitted for scope campaign");
            }
            QrCode code = codes.generateForCampaign(campaign, body.targetUrl());
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(new GenerateResponse(1, 0, List.of(view(code, base))));
        }
        List<Long> ids = null;
        if (body.contactIds() != null) {
            if (body.contactIds().size() > MAX_CONTACT_IDS) {
                throw new PayloadTooLargeException("contactIds", MAX_CONTACT_IDS, body.contactIds().size());
            }
            ids = new ArrayList<>();
            for (int i = 0; i < body.contactIds().size(); i++) {
                String id = body.contactIds().get(i);
                if (id == null) {
                    throw new ApiValidationException("contactIds[" + i + "]", "must not be null");
                }
                ids.add(Ids.parse(id));
            }
        }
        QrCodes.Generated g = codes.generateForRecipients(campaign, ids, body.targetUrl());
        List<QrCodeView> views = new ArrayList<>();
        g.created().forEach(c -> views.add(view(c, base)));
        g.kept().forEach(c -> views.add(view(c, base)));
        return ResponseEntity.status(g.created().isEmpty() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new GenerateResponse(g.created().size(), g.kept().size(), views));
    }

    @GetMapping(path = "/qr-codes", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List the campaign's QR codes")
    QrCodeList list(@PathVariable String campaignId) {
        String base = base();
        return new QrCodeList(codes.list(campaign(campaignId)).stream().map(c -> view(c, base)).toList());
    }

    @GetMapping(path = "/qr-codes.csv", produces = "text/csv")
    @Operation(summary = "The print vendor's CSV", description = "One row per code: contact id, name, email, company, "
            + "country and the code URL to print.")
    ResponseEntity<String> csv(@PathVariable String campaignId) {
        long campaign = campaign(campaignId);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("qr-codes-" + campaignId + ".csv").build().toString())
                .body(files.csv(campaign, base()));
    }

    @GetMapping(path = "/qr-codes/{token}.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "One code as a 600 px PNG")
    ResponseEntity<byte[]> png(@PathVariable String campaignId, @PathVariable String token) {
        QrCode code = code(campaignId, token);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noCache())
                .body(QrImages.png(url(base(), code), PNG_SIZE));
    }

    @GetMapping(path = "/qr-codes/{token}.svg", produces = "image/svg+xml")
    @Operation(summary = "One code as SVG")
    ResponseEntity<String> svg(@PathVariable String campaignId, @PathVariable String token) {
        QrCode code = code(campaignId, token);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("image/svg+xml"))
                .cacheControl(CacheControl.noCache()).body(QrImages.svg(url(base(), code)));
    }

    @GetMapping(path = "/qr-codes.zip", produces = "application/zip")
    @Operation(summary = "Every code of the campaign as PNG or SVG files in one ZIP, with the CSV",
            description = "Files are named <contact id or 'campaign'>-<token>.<format>.")
    ResponseEntity<byte[]> zip(@PathVariable String campaignId,
            @RequestParam(defaultValue = "png") String format) {
        if (!format.equals("png") && !format.equals("svg")) {
            throw new ApiValidationException("format", "must be png or svg");
        }
        long campaign = campaign(campaignId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("qr-codes-" + campaignId + ".zip").build().toString())
                .body(files.zip(campaign, base(), format.equals("svg")));
    }

    private QrCode code(String campaignId, String token) {
        long campaign = campaign(campaignId);
        return codes.find(token).filter(c -> c.campaignId() == campaign)
                .orElseThrow(() -> new NotFoundException("QR code", token));
    }

    private long campaign(String campaignId) {
        long id = Checks.pathId("campaign", campaignId);
        if (campaigns.find(id).isEmpty()) {
            throw new NotFoundException("campaign", campaignId);
        }
        return id;
    }

    /** BATON_PUBLIC_URL when set (what recipients can reach), else the address this request came in on. */
    private String base() {
        String configured = props.publicUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    private static String url(String base, QrCode code) {
        return QrPrintFiles.url(base, code);
    }

    private static QrCodeView view(QrCode c, String base) {
        String self = "/api/v1/campaigns/" + Ids.format(c.campaignId()) + "/qr-codes/" + c.token();
        return new QrCodeView(c.token(), url(base, c), Ids.format(c.campaignId()), Ids.formatNullable(c.contactId()),
                c.targetUrl(), c.createdAt(), self + ".png", self + ".svg");
    }
}
