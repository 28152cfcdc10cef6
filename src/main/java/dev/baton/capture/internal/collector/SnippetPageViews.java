package dev.baton.capture.internal.collector;

import dev.baton.capture.CampaignMatcher;
import dev.baton.capture.ChannelRules;
import dev.baton.capture.PageViews;
import dev.baton.capture.internal.forms.CaptureSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The snippet's page views as Segment {@code page} messages through {@link SegmentMessages} and the
 * {@link CollectorWriter}, so that they are stored exactly as analytics.js page calls are.
 */
@Component
class SnippetPageViews implements PageViews {

    private final CaptureSecrets secrets;
    private final CollectorWriter writer;
    private final SegmentMessages messages;
    private final ObjectMapper json;
    private final Clock clock;

    SnippetPageViews(CaptureSecrets secrets, CollectorWriter writer, ObjectMapper json, Clock clock,
            ChannelRules channelRules, CampaignMatcher campaigns) {
        this.secrets = secrets;
        this.writer = writer;
        this.json = json;
        this.clock = clock;
        this.messages = new SegmentMessages(json, channelRules, campaigns);
    }

    @Override
    public String siteKey() {
        return secrets.get(CaptureSecrets.SITE_KEY);
    }

    @Override
    public boolean isSiteKey(String candidate) {
        return candidate != null && MessageDigest.isEqual(siteKey().getBytes(StandardCharsets.UTF_8),
                candidate.strip().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void record(PageView v) {
        Instant receivedAt = clock.instant();
        ObjectNode m = json.createObjectNode();
        m.put("anonymousId", v.anonymousId());
        if (v.title() != null) {
            m.put("name", v.title());
        }
        ObjectNode context = m.putObject("context");
        ObjectNode page = context.putObject("page");
        page.put("url", v.url());
        page.put("title", v.title());
        page.put("referrer", v.referrer());
        page.put("path", v.path());
        ObjectNode campaign = context.putObject("campaign");
        campaign.put("source", v.utmSource());
        campaign.put("medium", v.utmMedium());
        campaign.put("name", v.utmCampaign());
        campaign.put("term", v.utmTerm());
        campaign.put("content", v.utmContent());
        if (v.userAgent() != null) {
            context.put("userAgent", v.userAgent());
        }
        context.putObject("library").put("name", "baton.js");
        SegmentMessages.Parsed parsed;
        try {
            parsed = messages.parse(m, "page", "", receivedAt, null, null);
        } catch (SegmentMessages.BadMessage e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        try {
            writer.submit(List.of(messages.attribute(parsed))).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a page view", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the page view could not be stored", e);
        }
    }
}
