package dev.baton.capture.internal.qr;

import dev.baton.capture.QrCode;
import dev.baton.capture.QrCodes;
import dev.baton.management.Campaign;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignMember;
import dev.baton.people.ContactDirectory;
import dev.baton.platform.Activity;
import dev.baton.platform.ActivityLog;
import dev.baton.platform.Channel;
import dev.baton.platform.Ids;
import dev.baton.platform.NewActivity;
import dev.baton.platform.NotFoundException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@Service
class JdbcQrCodes implements QrCodes {

    static final String SCANNED = "qr_scanned";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** 10 base62 characters: about 59 bits, far beyond guessing at any rate limit. */
    static final int TOKEN_LENGTH = 10;
    private static final int MAX_USER_AGENT = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final CampaignManagement campaigns;
    private final ContactDirectory contacts;
    private final ActivityLog log;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    JdbcQrCodes(JdbcClient jdbc, TransactionTemplate tx, CampaignManagement campaigns, ContactDirectory contacts,
            ActivityLog log, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.campaigns = campaigns;
        this.contacts = contacts;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public Generated generateForRecipients(long campaignId, List<Long> contactIds, String targetUrl) {
        checkTarget(targetUrl);
        campaign(campaignId);
        Set<Long> recipients = new LinkedHashSet<>();
        if (contactIds == null) {
            int page = 1000;
            for (int offset = 0; ; offset += page) {
                List<CampaignMember> members = campaigns.members(campaignId, offset, page);
                members.forEach(m -> recipients.add(m.contactId()));
                if (members.size() < page) {
                    break;
                }
            }
        } else {
            for (Long id : contactIds) {
                if (contacts.find(id).isEmpty()) {
                    throw new NotFoundException("contact", "contactIds", Ids.format(id));
                }
                recipients.add(id);
            }
        }
        return tx.execute(s -> {
            Map<Long, QrCode> existing = new HashMap<>();
            for (QrCode c : list(campaignId)) {
                if (c.contactId() != null) {
                    existing.putIfAbsent(c.contactId(), c);
                }
            }
            List<QrCode> created = new ArrayList<>();
            List<QrCode> kept = new ArrayList<>();
            Instant now = clock.instant();
            for (Long contactId : recipients) {
                QrCode had = existing.get(contactId);
                if (had != null) {
                    kept.add(had);
                } else {
                    created.add(insert(campaignId, contactId, targetUrl, now));
                }
            }
            return new Generated(created, kept);
        });
    }

    @Override
    public QrCode generateForCampaign(long campaignId, String targetUrl) {
        checkTarget(targetUrl);
        campaign(campaignId);
        return insert(campaignId, null, targetUrl, clock.instant());
    }

    @Override
    public List<QrCode> list(long campaignId) {
        return jdbc.sql("SELECT token, campaign_id, contact_id, target_url, created_at FROM qr_code "
                        + "WHERE campaign_id = ? ORDER BY contact_id IS NOT NULL, contact_id, created_at, token")
                .param(campaignId).query(JdbcQrCodes::row).list();
    }

    @Override
    public List<CampaignCodes> campaignsWithCodes() {
        return jdbc.sql("SELECT campaign_id, SUM(CASE WHEN contact_id IS NULL THEN 0 ELSE 1 END) AS recipients, "
                        + "SUM(CASE WHEN contact_id IS NULL THEN 1 ELSE 0 END) AS singles, MAX(created_at) AS last_at "
                        + "FROM qr_code GROUP BY campaign_id ORDER BY last_at DESC, campaign_id")
                .query((rs, n) -> new CampaignCodes(rs.getLong("campaign_id"), rs.getInt("recipients"),
                        rs.getInt("singles"), Instant.ofEpochMilli(rs.getLong("last_at"))))
                .list();
    }

    @Override
    public Optional<QrCode> find(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT token, campaign_id, contact_id, target_url, created_at FROM qr_code WHERE token = ?")
                .param(token).query(JdbcQrCodes::row).optional();
    }

    @Override
    public Optional<String> scan(String token, String userAgent, String clientIp) {
        Optional<QrCode> found = find(token);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        QrCode code = found.get();
        Campaign campaign = campaigns.find(code.campaignId()).orElse(null);
        String utmCampaign = campaign == null ? null : utmCampaign(campaign);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("token", code.token());
        props.put("code", code.contactId() == null ? "campaign" : "recipient");
        props.put("targetUrl", code.targetUrl());
        if (userAgent != null && !userAgent.isBlank()) {
            props.put("userAgent", userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT)
                    : userAgent);
        }
        if (clientIp != null) {
            props.put("ipHash", ipHash(clientIp));
        }
        log.append(List.of(new NewActivity(clock.instant(), SCANNED, code.contactId(), null, code.campaignId(),
                Channel.DIRECT_MAIL.code(), new Activity.Utm("qr", "direct_mail", utmCampaign, null, null),
                JSON.writeValueAsString(props))));
        return Optional.of(withUtms(code.targetUrl(), utmCampaign));
    }

    /** The campaign's UTM name, else a slug of its name ("Spring Mailer 2026" -> "spring-mailer-2026"). */
    static String utmCampaign(Campaign campaign) {
        if (campaign.utmCampaign() != null && !campaign.utmCampaign().isBlank()) {
            return campaign.utmCampaign();
        }
        String ascii = Normalizer.normalize(campaign.name(), Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? Ids.format(campaign.id()) : slug;
    }

    /** Appends the UTMs the target does not already set, keeping its query and fragment as they are. */
    static String withUtms(String target, String utmCampaign) {
        int hash = target.indexOf('#');
        String fragment = hash < 0 ? "" : target.substring(hash);
        String base = hash < 0 ? target : target.substring(0, hash);
        int q = base.indexOf('?');
        Set<String> present = new java.util.HashSet<>();
        if (q >= 0) {
            for (String pair : base.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                present.add((eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT));
            }
        }
        StringBuilder sb = new StringBuilder(base);
        char sep = q < 0 ? '?' : (base.endsWith("?") || base.endsWith("&") ? 0 : '&');
        Map<String, String> utms = new LinkedHashMap<>();
        utms.put("utm_source", "qr");
        utms.put("utm_medium", "direct_mail");
        if (utmCampaign != null) {
            utms.put("utm_campaign", utmCampaign);
        }
        for (var e : utms.entrySet()) {
            if (present.contains(e.getKey())) {
                continue;
            }
            if (sep != 0) {
                sb.append(sep);
            }
            sb.append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return sb.append(fragment).toString();
    }

    /** Enough to tell scans from one place apart, not enough to recover the address. */
    static String ipHash(String ip) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("baton-qr:" + ip)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private QrCode insert(long campaignId, Long contactId, String targetUrl, Instant now) {
        QrCode code = new QrCode(token(), campaignId, contactId, targetUrl, now);
        jdbc.sql("INSERT INTO qr_code (token, campaign_id, contact_id, target_url, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(code.token(), campaignId, contactId, targetUrl, now.toEpochMilli()).update();
        return code;
    }

    private String token() {
        char[] chars = new char[TOKEN_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(chars);
    }

    private Campaign campaign(long id) {
        return campaigns.find(id).orElseThrow(() -> new NotFoundException("campaign", Ids.format(id)));
    }

    private static void checkTarget(String url) {
        String problem = QrCodes.checkTargetUrl(url);
        if (problem != null) {
            throw new IllegalArgumentException("targetUrl " + problem);
        }
    }

    private static QrCode row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long contact = rs.getLong("contact_id");
        Long contactId = rs.wasNull() ? null : contact;
        return new QrCode(rs.getString("token"), rs.getLong("campaign_id"), contactId, rs.getString("target_url"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    /**
     * Runs inside the merging transaction: printed codes of the merged contact now credit the survivor. (Scans
     * of codes not re-pointed in time still land on the survivor: processors resolve a merged id.)
     */
    @org.springframework.context.event.EventListener
    void on(dev.baton.people.ContactsMerged event) {
        jdbc.sql("UPDATE qr_code SET contact_id = ? WHERE contact_id = ?")
                .params(event.survivorId(), event.mergedId()).update();
    }
}
