package dev.baton.capture;

/**
 * What a visit or message says about where it came from: its UTM parameters, the referring URL and
 * the landing page URL. Any part may be null.
 */
public record Touch(String utmSource, String utmMedium, String utmCampaign, String utmTerm, String utmContent,
        String referrer, String pageUrl) {

    public static Touch utm(String source, String medium, String campaign) {
        return new Touch(source, medium, campaign, null, null, null, null);
    }

    public static Touch referred(String referrer, String pageUrl) {
        return new Touch(null, null, null, null, null, referrer, pageUrl);
    }

    public Touch withReferrer(String referrer) {
        return new Touch(utmSource, utmMedium, utmCampaign, utmTerm, utmContent, referrer, pageUrl);
    }

    public Touch withPageUrl(String pageUrl) {
        return new Touch(utmSource, utmMedium, utmCampaign, utmTerm, utmContent, referrer, pageUrl);
    }
}
