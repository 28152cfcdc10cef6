package dev.baton.capture.internal.channels;

import dev.baton.capture.CampaignMatcher;
import dev.baton.capture.Touch;
import dev.baton.management.Campaign;
import dev.baton.management.CampaignDraft;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignStatus;
import dev.baton.management.CampaignType;
import dev.baton.platform.Channel;
import dev.baton.platform.ConflictException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matches utm_campaign values to campaigns, creating "utm: &lt;value&gt;" campaigns for new ones. The
 * campaign name is unique in the database, so when two callers (threads or nodes) race to create the
 * same campaign one insert fails with a conflict and that caller reads the winner's campaign.
 * Recent answers are remembered briefly so bulk capture does not read the campaign table per event.
 */
@Service
class UtmCampaignMatcher implements CampaignMatcher {

    static final String NAME_PREFIX = "utm: ";
    /** Longer utm_campaign values are cut (names and keys stay readable). */
    static final int MAX_UTM_LENGTH = 200;
    private static final long REMEMBER_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int REMEMBER_MAX = 10_000;
    private static final int NAME_ATTEMPTS = 5;

    private final CampaignManagement campaigns;
    /**
     * Each attempt runs in a savepoint when the caller holds a transaction: on PostgreSQL a failed insert
     * would otherwise abort the caller's whole transaction, and the re-read after a lost race would fail.
     */
    private final TransactionTemplate savepoint;
    private final Map<String, Remembered> recent = new ConcurrentHashMap<>();

    UtmCampaignMatcher(CampaignManagement campaigns, PlatformTransactionManager transactions) {
        this.campaigns = campaigns;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    private record Remembered(long campaignId, long at) {
    }

    @Override
    public Optional<Long> campaignFor(Touch touch, Channel channel) {
        String utm = normalize(touch == null ? null : touch.utmCampaign());
        if (utm == null) {
            return Optional.empty();
        }
        Remembered r = recent.get(utm);
        if (r != null && System.nanoTime() - r.at() < REMEMBER_NANOS) {
            return Optional.of(r.campaignId());
        }
        long id = findOrCreate(utm, channel == null ? Channel.DIRECT : channel);
        if (recent.size() >= REMEMBER_MAX) {
            recent.clear();
        }
        recent.put(utm, new Remembered(id, System.nanoTime()));
        return Optional.of(id);
    }

    private long findOrCreate(String utm, Channel channel) {
        Optional<Campaign> existing = campaigns.findByUtmCampaign(utm);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        for (int attempt = 1; attempt <= NAME_ATTEMPTS; attempt++) {
            String name = NAME_PREFIX + utm + (attempt == 1 ? "" : " (" + attempt + ")");
            try {
                return savepoint.execute(status -> campaigns.create(new CampaignDraft(name, typeFor(channel), channel,
                        CampaignStatus.ACTIVE, null, null, null, null, "USD", utm)).id());
            } catch (ConflictException e) {
                // Someone else created it first (or a campaign already has that name): use theirs if it is ours.
                existing = campaigns.findByUtmCampaign(utm);
                if (existing.isPresent()) {
                    return existing.get().id();
                }
            }
        }
        throw new ConflictException("utmCampaign", "could not create a campaign for utm_campaign '" + utm
                + "': the names '" + NAME_PREFIX + utm + "' … (" + NAME_ATTEMPTS + ") are all taken");
    }

    static String normalize(String utmCampaign) {
        if (utmCampaign == null) {
            return null;
        }
        String v = utmCampaign.strip().toLowerCase(Locale.ROOT);
        if (v.length() > MAX_UTM_LENGTH) {
            v = v.substring(0, MAX_UTM_LENGTH).strip();
        }
        return v.isEmpty() ? null : v;
    }

    static CampaignType typeFor(Channel channel) {
        switch (channel) {
            case PAID_SEARCH:
            case PAID_SOCIAL:
            case DISPLAY:
                return CampaignType.PAID_ADS;
            case ORGANIC_SOCIAL:
                return CampaignType.SOCIAL;
            case ORGANIC_SEARCH:
                return CampaignType.SEO;
            case EMAIL:
                return CampaignType.EMAIL;
            case EVENTS:
                return CampaignType.EVENT;
            case WEBINAR:
                return CampaignType.WEBINAR;
            case DIRECT_MAIL:
                return CampaignType.DIRECT_MAIL;
            case PARTNERS:
                return CampaignType.PARTNER;
            case REFERRAL:
                return CampaignType.CONTENT;
            default:
                return CampaignType.PROGRAM;
        }
    }
}
