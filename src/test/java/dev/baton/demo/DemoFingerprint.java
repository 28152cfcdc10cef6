package dev.baton.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What the demo wrote, independent of ids and creation times: per table, the row count and an
 * order-independent hash of every row described by natural keys (emails, domains, campaign names).
 * Two loads of the same spec must produce equal fingerprints, on any engine.
 */
record DemoFingerprint(Map<String, Long> counts, Map<String, Long> hashes) {

    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("account", "SELECT a.name, a.domain, a.industry, a.employees, a.annual_revenue, a.region, a.country, "
                + "u.email FROM account a LEFT JOIN app_user u ON u.id = a.owner_id");
        QUERIES.put("contact", "SELECT c.email, c.first_name, c.last_name, c.title, c.phone, c.company, c.country, "
                + "c.city, a.domain, u.email, c.lifecycle_stage, c.lead_source, c.time_zone FROM contact c "
                + "LEFT JOIN account a ON a.id = c.account_id LEFT JOIN app_user u ON u.id = c.owner_id");
        QUERIES.put("identity", "SELECT c.email, i.kind, i.identity_value FROM identity i "
                + "JOIN contact c ON c.id = i.contact_id");
        QUERIES.put("campaign", "SELECT c.name, c.campaign_type, c.channel, c.status, c.start_date, c.end_date, p.name, "
                + "c.planned_budget, c.currency, c.utm_campaign FROM campaign c LEFT JOIN campaign p ON p.id = c.parent_id");
        QUERIES.put("cost_entry", "SELECT c.name, e.period_start, e.period_end, e.amount, e.currency, e.note "
                + "FROM cost_entry e JOIN campaign c ON c.id = e.campaign_id");
        QUERIES.put("campaign_member", "SELECT c.name, ct.email, m.status, m.first_responded_at "
                + "FROM campaign_member m JOIN campaign c ON c.id = m.campaign_id JOIN contact ct ON ct.id = m.contact_id");
        QUERIES.put("opportunity", "SELECT o.name, a.domain, c.name, u.email, o.stage, o.amount, o.currency, o.close_date "
                + "FROM opportunity o JOIN account a ON a.id = o.account_id LEFT JOIN campaign c ON c.id = o.campaign_id "
                + "LEFT JOIN app_user u ON u.id = o.owner_id");
        QUERIES.put("opportunity_contact_role", "SELECT o.name, c.email, r.role, CASE WHEN r.is_primary THEN 1 ELSE 0 END "
                + "FROM opportunity_contact_role r JOIN opportunity o ON o.id = r.opportunity_id "
                + "JOIN contact c ON c.id = r.contact_id");
        QUERIES.put("consent_record", "SELECT c.email, r.channel, r.purpose, r.status, r.lawful_basis, r.source, "
                + "r.consent_text, r.text_version, r.occurred_at FROM consent_record r JOIN contact c ON c.id = r.contact_id");
        QUERIES.put("activity", "SELECT a.occurred_at, a.activity_type, c.email, ac.domain, cp.name, a.channel, "
                + "a.utm_source, a.utm_medium, a.utm_campaign, a.utm_term, a.utm_content, a.props FROM activity a "
                + "LEFT JOIN contact c ON c.id = a.contact_id LEFT JOIN account ac ON ac.id = a.account_id "
                + "LEFT JOIN campaign cp ON cp.id = a.campaign_id");
    }

    static DemoFingerprint of(DataSource dataSource) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> hashes = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> q : QUERIES.entrySet()) {
                long count = 0;
                long sum = 0;
                try (ResultSet rs = s.executeQuery(q.getValue())) {
                    int columns = rs.getMetaData().getColumnCount();
                    StringBuilder row = new StringBuilder(256);
                    while (rs.next()) {
                        row.setLength(0);
                        for (int i = 1; i <= columns; i++) {
                            row.append(rs.getString(i)).append('\u001f');
                        }
                        byte[] d = sha.digest(row.toString().getBytes(StandardCharsets.UTF_8));
                        long h = 0;
                        for (int i = 0; i < 8; i++) {
                            h = (h << 8) | (d[i] & 0xFF);
                        }
                        sum += h; // a sum is order-independent: no ORDER BY, same value on every engine
                        count++;
                    }
                }
                counts.put(q.getKey(), count);
                hashes.put(q.getKey(), sum);
            }
        } catch (SQLException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new DemoFingerprint(counts, hashes);
    }
}
