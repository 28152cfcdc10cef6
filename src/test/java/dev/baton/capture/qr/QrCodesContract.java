package dev.baton.capture.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import dev.baton.management.CampaignManagement;
import dev.baton.management.MemberStatus;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.Ids;
import dev.baton.platform.Role;
import dev.baton.web.api.ApiTestSupport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** QR codes for direct mail over real HTTP: generation, the vendor's CSV and images, scans and their limits. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class QrCodesContract extends ApiTestSupport {

    @Autowired
    ActivityLog log;

    @Autowired
    CampaignManagement campaigns;

    @Test
    void perRecipientCodesListEveryMemberAndScanOnTheRightContact() throws Exception {
        String campaign = create("/api/v1/campaigns", """
                {"name":"%s","type":"direct_mail","channel":"direct_mail","status":"active","currency":"USD",
                 "utmCampaign":"spring-mailer"}""".formatted(unique("Spring mailer")));
        List<String> contacts = new ArrayList<>();
        for (String name : List.of("Ada", "Grace", "Edsger")) {
            String id = create("/api/v1/contacts", """
                    {"email":"%s@example.com","firstName":"%s","lastName":"Tester","company":"Acme","country":"DE",
                     "lifecycleStage":"lead"}""".formatted(unique(name.toLowerCase()), name));
            contacts.add(id);
            campaigns.upsertMember(Ids.parse(campaign), Ids.parse(id), MemberStatus.TARGETED, Instant.now());
        }
        String path = "/api/v1/campaigns/" + campaign + "/qr-codes";
        Response generated = post(path, """
                {"targetUrl":"https://example.com/landing?ref=mail&utm_source=postcard#offer"}""");
        assertThat(generated.status()).as(generated.toString()).isEqualTo(201);
        assertThat(generated.json().get("created").asInt()).isEqualTo(3);
        List<String> codeContacts = new ArrayList<>();
        generated.json().get("codes").forEach(c -> codeContacts.add(c.get("contactId").asString()));
        assertThat(codeContacts).containsExactlyInAnyOrderElementsOf(contacts);

        // a reprint keeps every recipient's code
        Response again = post(path, "{\"targetUrl\":\"https://example.com/landing\"}");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("created").asInt()).isZero();
        assertThat(again.json().get("kept").asInt()).isEqualTo(3);
        assertThat(get(path).json().get("codes")).hasSize(3);

        Response csv = get(path + ".csv");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().strip().split("\r?\n");
        assertThat(lines[0]).isEqualTo("contact_id,name,email,company,country,code_url");
        assertThat(lines).hasSize(4);
        for (String contact : contacts) {
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(contact + ",")
                    .contains("Tester").contains("@example.com").contains(",Acme,DE,http://localhost:" + port + "/q/"));
        }

        JsonNode first = generated.json().get("codes").get(0);
        String token = first.get("token").asString();
        String codeUrl = first.get("url").asString();
        assertThat(codeUrl).isEqualTo("http://localhost:" + port + "/q/" + token);
        assertThat(token).matches("[0-9A-Za-z]{10}");

        HttpResponse<byte[]> png = bytes(path + "/" + token + ".png");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
        assertThat(decode(png.body())).isEqualTo(codeUrl);

        Response svg = get(path + "/" + token + ".svg");
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.contentType()).startsWith("image/svg+xml");
        assertThat(svg.body()).contains("<svg").contains("<path");

        HttpResponse<byte[]> zip = bytes(path + ".zip?format=png");
        assertThat(zip.statusCode()).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.add(e.getName());
            }
        }
        assertThat(entries).hasSize(4).contains("qr-codes.csv").anySatisfy(n -> assertThat(n).endsWith(token + ".png"));

        long before = log.lastId();
        HttpResponse<String> scan = scan("localhost", token, "Mozilla/5.0 (iPhone) test");
        assertThat(scan.statusCode()).isEqualTo(302);
        assertThat(scan.headers().firstValue("Location").orElseThrow()).isEqualTo(
                "https://example.com/landing?ref=mail&utm_source=postcard&utm_medium=direct_mail"
                        + "&utm_campaign=spring-mailer#offer");
        List<Activity> appended = log.readAfter(before, 10);
        assertThat(appended).hasSize(1);
        Activity a = appended.get(0);
        assertThat(a.type()).isEqualTo("qr_scanned");
        assertThat(Ids.format(a.contactId())).isEqualTo(first.get("contactId").asString());
        assertThat(Ids.format(a.campaignId())).isEqualTo(campaign);
        assertThat(a.channel()).isEqualTo("direct_mail");
        assertThat(a.utm().source()).isEqualTo("qr");
        assertThat(a.utm().medium()).isEqualTo("direct_mail");
        assertThat(a.utm().campaign()).isEqualTo("spring-mailer");
        JsonNode props = JSON.readTree(a.props());
        assertThat(props.get("token").asString()).isEqualTo(token);
        assertThat(props.get("userAgent").asString()).isEqualTo("Mozilla/5.0 (iPhone) test");
        assertThat(props.get("ipHash").asString()).hasSize(16).doesNotContain("127.0.0.1");
        assertThat(a.props()).doesNotContain("127.0.0.1");
    }

    @Test
    void campaignCodeAndChosenRecipients() {
        String name = unique("Autumn Flyer");
        String campaign = create("/api/v1/campaigns", """
                {"name":"%s","type":"direct_mail","channel":"direct_mail","status":"active","currency":"USD"}"""
                .formatted(name));
        String path = "/api/v1/campaigns/" + campaign + "/qr-codes";
        Response one = post(path, "{\"scope\":\"campaign\",\"targetUrl\":\"https://example.com/\"}");
        assertThat(one.status()).as(one.toString()).isEqualTo(201);
        JsonNode code = one.json().get("codes").get(0);
        assertThat(code.get("contactId").isNull()).isTrue();

        String contact = newContact();
        Response chosen = post(path, "{\"contactIds\":[\"%s\"],\"targetUrl\":\"https://example.com/p\"}"
                .formatted(contact));
        assertThat(chosen.status()).as(chosen.toString()).isEqualTo(201);
        assertThat(chosen.json().get("codes").get(0).get("contactId").asString()).isEqualTo(contact);

        Response unknown = post(path, "{\"contactIds\":[\"%s\"],\"targetUrl\":\"https://example.com/p\"}"
                .formatted(Ids.format(Ids.next())));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.errorFields()).containsExactly("contactIds");

        long before = log.lastId();
        HttpResponse<String> scan = scan("localhost", code.get("token").asString(), null);
        assertThat(scan.statusCode()).isEqualTo(302);
        String slug = name.toLowerCase().replace(' ', '-');
        assertThat(scan.headers().firstValue("Location").orElseThrow()).isEqualTo(
                "https://example.com/?utm_source=qr&utm_medium=direct_mail&utm_campaign=" + slug);
        List<Activity> appended = log.readAfter(before, 10);
        assertThat(appended).singleElement().satisfies(a -> {
            assertThat(a.contactId()).isNull();
            assertThat(Ids.format(a.campaignId())).isEqualTo(campaign);
        });

        assertThat(post("/api/v1/campaigns/" + Ids.format(Ids.next()) + "/qr-codes",
                "{\"targetUrl\":\"https://example.com/\"}").status()).isEqualTo(404);
        assertThat(call("POST", path, tokens.get(Role.SALES), "{\"targetUrl\":\"https://example.com/\"}").status())
                .isEqualTo(403);
    }

    @Test
    void badTargetUrlsAreRejectedNamingTheField() {
        String path = "/api/v1/campaigns/" + newCampaign() + "/qr-codes";
        for (String url : List.of("javascript:alert(1)", "ftp://example.com/file", "/relative/path",
                "https://example.com/" + "x".repeat(2000))) {
            Response r = post(path, "{\"targetUrl\":\"" + url + "\"}");
            assertThat(r.status()).as(url + " -> " + r).isEqualTo(400);
            assertThat(r.isProblem()).isTrue();
            assertThat(r.errorFields()).as(url).containsExactly("targetUrl");
        }
        assertThat(get(path).json().get("codes")).isEmpty();
    }

    @Test
    void unknownTokenIsAFriendlyNotFound() {
        long before = log.lastId();
        HttpResponse<String> r = scan("localhost", "NoSuchCode", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("Code not found");
        assertThat(log.lastId()).isEqualTo(before);
    }

    /** Runs last: it empties this context's bucket for the loopback address that every test here uses. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aBurstFromOneAddressIsSlowedDown() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            statuses.add(scan("localhost", "NoSuchCode", null).statusCode());
        }
        assertThat(statuses).contains(404, 429);
        assertThat(statuses.indexOf(429)).isGreaterThanOrEqualTo(100);
        HttpResponse<String> limited = scan("localhost", "NoSuchCode", null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("60");
        // webhooks keep a bucket of their own
        HttpRequest hook = HttpRequest.newBuilder(uri("/hooks/" + Ids.format(Ids.next())))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        try {
            assertThat(http.send(hook, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> scan(String host, String token, String userAgent) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/q/" + token));
        if (userAgent != null) {
            b.header("User-Agent", userAgent);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> bytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + admin()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        // A generated image is a pure barcode; without the hint ZXing's finder-pattern search misses
        // some computer-drawn codes that any phone reads.
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image))), java.util.Map.of(
                com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE,
                com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
