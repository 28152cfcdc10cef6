package dev.baton.capture;

import java.util.List;
import java.util.Optional;

/** QR codes for direct mail: generation per recipient or per campaign, and the scan redirect. */
public interface QrCodes {

    int MAX_TARGET_URL_LENGTH = 2000;

    /**
     * One code per recipient: the given contacts, or every campaign member when {@code contactIds} is null.
     * A recipient who already has a code for the campaign keeps it (a reprint gets the same URL).
     *
     * @throws dev.baton.platform.NotFoundException for an unknown campaign, or contact (field contactIds)
     * @throws IllegalArgumentException for a target URL that {@link #checkTargetUrl} rejects
     */
    Generated generateForRecipients(long campaignId, List<Long> contactIds, String targetUrl);

    /** One code for the whole campaign (a poster, a flyer without names). */
    QrCode generateForCampaign(long campaignId, String targetUrl);

    /** The campaign's codes, per-campaign codes first, then by contact. */
    List<QrCode> list(long campaignId);

    Optional<QrCode> find(String token);

    /** Every campaign that has codes, with how many of each kind; newest batch first. */
    List<CampaignCodes> campaignsWithCodes();

    /**
     * Records a {@code qr_scanned} activity for the code and returns where to send the scanner: the
     * target URL with utm_source=qr, utm_medium=direct_mail and utm_campaign added where the target does
     * not set them. Empty for an unknown token (nothing recorded).
     *
     * @param clientIp only a truncated hash of it is stored
     */
    Optional<String> scan(String token, String userAgent, String clientIp);

    /** Null when the URL is acceptable as a target, else the rule it breaks. */
    static String checkTargetUrl(String url) {
        if (url == null || url.isBlank()) {
            return "is required";
        }
        if (url.length() > MAX_TARGET_URL_LENGTH) {
            return "must be at most " + MAX_TARGET_URL_LENGTH + " characters";
        }
        try {
            java.net.URI uri = new java.net.URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null || uri.getHost().isBlank()) {
                return "must be an absolute http or https URL";
            }
        } catch (java.net.URISyntaxException e) {
            return "must be an absolute http or https URL";
        }
        return null;
    }

    /** A campaign's codes at a glance: per-recipient and per-campaign counts and when the last was made. */
    record CampaignCodes(long campaignId, int recipientCodes, int campaignCodes, java.time.Instant lastCreatedAt) {
    }

    /** @param created codes made now; {@code kept} codes recipients already had */
    record Generated(List<QrCode> created, List<QrCode> kept) {
    }
}
