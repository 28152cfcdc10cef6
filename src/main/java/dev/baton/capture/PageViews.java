package dev.baton.capture;

import java.time.Instant;

/**
 * Page views sent by Baton's first-party tracking snippet ({@code /t/baton.js}). They take the collector's
 * path (as a Segment {@code page} call: same activity shape, channel rules, utm_campaign matching, identity
 * by anonymous id, group commit), but need only the site key, which may ingest nothing else.
 */
public interface PageViews {

    /** The installation's public site key, written into the snippet tag. */
    String siteKey();

    boolean isSiteKey(String candidate);

    /**
     * Records one page view and returns once it is committed.
     *
     * @throws IllegalArgumentException naming the bad part (e.g. "anonymousId is required")
     */
    void record(PageView view);

    /** What the snippet reports about one page load; UTMs come from the page URL's query. */
    record PageView(String anonymousId, String url, String title, String referrer, String path, String utmSource,
            String utmMedium, String utmCampaign, String utmTerm, String utmContent, String userAgent,
            Instant occurredAt) {
    }
}
