package dev.baton.management;

public enum CampaignType {
    PROGRAM, PAID_ADS, CONTENT, EMAIL, WEBINAR, EVENT, TRADE_SHOW, DIRECT_MAIL, PARTNER, SOCIAL, SEO
}
