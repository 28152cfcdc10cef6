package dev.baton.management.internal;

import dev.baton.management.Campaign;
import dev.baton.management.CampaignDraft;
import dev.baton.management.CampaignManagement;
import dev.baton.management.CampaignMember;
import dev.baton.management.CampaignQuery;
import dev.baton.management.CampaignStatus;
import dev.baton.management.CampaignSummary;
import dev.baton.management.CampaignType;
import dev.baton.management.CostEntry;
import dev.baton.management.CostEntryDraft;
import dev.baton.management.MemberStatus;
import dev.baton.people.ContactDeleted;
import dev.baton.people.ContactsMerged;
import dev.baton.people.ContactDirectory;
import dev.baton.platform.Channel;
import dev.baton.platform.ConflictException;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.SqlQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
class JdbcCampaignManagement implements CampaignManagement {

    private static final String COLUMNS = "id, name, campaign_type, channel, status, start_date, end_date, parent_id, "
            + "planned_budget, currency, utm_campaign, created_at, updated_at";
    private static final String COST_COLUMNS =
            "id, campaign_id, period_start, period_end, amount, currency, note, created_at, updated_at";
    private static final String MEMBER_COLUMNS =
            "campaign_id, contact_id, status, first_responded_at, created_at, updated_at";

    private static final Map<CampaignQuery.Sort, String> SORT = Map.of(
            CampaignQuery.Sort.CREATED, "created_at",
            CampaignQuery.Sort.NAME, "LOWER(name)",
            CampaignQuery.Sort.START_DATE, "start_date",
            CampaignQuery.Sort.STATUS, "status",
            CampaignQuery.Sort.CHANNEL, "channel",
            CampaignQuery.Sort.BUDGET, "planned_budget");

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ContactDirectory contacts;

    JdbcCampaignManagement(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, Clock clock,
            ContactDirectory contacts) {
        this.contacts = contacts;
        this.jdbc = jdbc;
        this.template = template;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public List<Campaign> search(CampaignQuery q) {
        return filter(q).page(jdbc, q.order(), SORT, JdbcCampaignManagement::map);
    }

    @Override
    public long count(CampaignQuery q) {
        return filter(q).count(jdbc, "campaign");
    }

    private SqlQuery filter(CampaignQuery q) {
        return SqlQuery.from("SELECT " + COLUMNS + " FROM campaign")
                .matching(q.text(), "name", "utm_campaign")
                .where("status = ?", q.status())
                .where("channel = ?", q.channel() == null ? null : q.channel().code())
                .where("campaign_type = ?", q.type())
                .where("parent_id = ?", q.parentId());
    }

    @Override
    public Optional<Campaign> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE id = ?").param(id)
                .query(JdbcCampaignManagement::map).optional();
    }

    @Override
    public Optional<Campaign> findByUtmCampaign(String utmCampaign) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE utm_campaign = ? ORDER BY id LIMIT 1")
                .param(utmCampaign == null ? null : utmCampaign.trim().toLowerCase(Locale.ROOT))
                .query(JdbcCampaignManagement::map).optional();
    }

    @Override
    public Campaign create(CampaignDraft d) {
        check(d, null);
        long id = Ids.next();
        long now = clock.millis();
        try {
            jdbc.sql("INSERT INTO campaign (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
                    .params(id, d.name().trim(), d.type().name(), d.channel().code(), d.status().name(),
                            date(d.startDate()), date(d.endDate()), d.parentId(), d.plannedBudget(), d.currency(),
                            utm(d.utmCampaign()), now, now)
                    .update();
        } catch (DuplicateKeyException e) {
            throw nameTaken(d.name());
        }
        return find(id).orElseThrow();
    }

    @Override
    public Campaign update(long id, CampaignDraft d) {
        if (find(id).isEmpty()) {
            throw new NotFoundException("campaign", Ids.format(id));
        }
        check(d, id);
        try {
            jdbc.sql("UPDATE campaign SET name = ?, campaign_type = ?, channel = ?, status = ?, start_date = ?, "
                            + "end_date = ?, parent_id = ?, planned_budget = ?, currency = ?, utm_campaign = ?, "
                            + "updated_at = ? WHERE id = ?")
                    .params(d.name().trim(), d.type().name(), d.channel().code(), d.status().name(),
                            date(d.startDate()), date(d.endDate()), d.parentId(), d.plannedBudget(), d.currency(),
                            utm(d.utmCampaign()), clock.millis(), id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw nameTaken(d.name());
        }
        return find(id).orElseThrow();
    }

    private void check(CampaignDraft d, Long selfId) {
        if (d.startDate() != null && d.endDate() != null && d.endDate().isBefore(d.startDate())) {
            throw new ConflictException("endDate", "endDate must not be before startDate");
        }
        if (d.parentId() != null) {
            if (d.parentId().equals(selfId)) {
                throw new ConflictException("parentId", "a campaign cannot be its own parent");
            }
            if (find(d.parentId()).isEmpty()) {
                throw new NotFoundException("campaign", "parentId", Ids.format(d.parentId()));
            }
            // Walk up from the new parent: meeting ourselves would make a cycle.
            Long cursor = d.parentId();
            for (int depth = 0; cursor != null && depth < 64; depth++) {
                if (cursor.equals(selfId)) {
                    throw new ConflictException("parentId", "parentId would make a cycle of programs");
                }
                cursor = find(cursor).map(Campaign::parentId).orElse(null);
            }
        }
    }

    @Override
    public void delete(long id) {
        tx.executeWithoutResult(s -> {
            if (find(id).isEmpty()) {
                throw new NotFoundException("campaign", Ids.format(id));
            }
            if (!children(id).isEmpty()) {
                throw new ConflictException("id", "campaign " + Ids.format(id) + " is the parent of other campaigns");
            }
            jdbc.sql("DELETE FROM campaign_member WHERE campaign_id = ?").param(id).update();
            jdbc.sql("DELETE FROM cost_entry WHERE campaign_id = ?").param(id).update();
            try {
                jdbc.sql("DELETE FROM campaign WHERE id = ?").param(id).update();
            } catch (DataIntegrityViolationException e) {
                throw new ConflictException("id", "campaign " + Ids.format(id) + " is still the source of opportunities");
            }
        });
    }

    @Override
    public List<Campaign> children(long parentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE parent_id = ? ORDER BY start_date, name")
                .param(parentId).query(JdbcCampaignManagement::map).list();
    }

    @Override
    public List<CampaignMember> members(long campaignId, int offset, int limit) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM campaign_member WHERE campaign_id = ? "
                        + "ORDER BY updated_at DESC, contact_id LIMIT ? OFFSET ?")
                .params(campaignId, limit, offset).query(JdbcCampaignManagement::member).list();
    }

    @Override
    public List<CampaignMember> membershipsOf(long contactId) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM campaign_member WHERE contact_id = ? "
                + "ORDER BY created_at DESC").param(contactId).query(JdbcCampaignManagement::member).list();
    }

    @Override
    public CampaignMember upsertMember(long campaignId, long contactId, MemberStatus status, Instant at) {
        if (find(campaignId).isEmpty()) {
            throw new NotFoundException("campaign", Ids.format(campaignId));
        }
        if (contacts.find(contactId).isEmpty()) {
            throw new NotFoundException("contact", "contactId", Ids.format(contactId));
        }
        upsertMembers(List.of(new CampaignMember(campaignId, contactId, status,
                status.responded() ? at : null, at, at)));
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM campaign_member WHERE campaign_id = ? AND contact_id = ?")
                .params(campaignId, contactId).query(JdbcCampaignManagement::member).single();
    }

    @Override
    public void upsertMembers(List<CampaignMember> members) {
        // first_responded_at is set once: the earliest responding status wins and is never cleared.
        String sql = "INSERT INTO campaign_member (" + MEMBER_COLUMNS + ") VALUES (?,?,?,?,?,?) "
                + "ON CONFLICT (campaign_id, contact_id) DO UPDATE SET status = excluded.status, "
                + "first_responded_at = CASE WHEN campaign_member.first_responded_at IS NULL "
                + "THEN excluded.first_responded_at "
                + "WHEN excluded.first_responded_at IS NOT NULL "
                + "AND excluded.first_responded_at < campaign_member.first_responded_at "
                + "THEN excluded.first_responded_at ELSE campaign_member.first_responded_at END, "
                + "updated_at = excluded.updated_at";
        List<Object[]> rows = new ArrayList<>(members.size());
        for (CampaignMember m : members) {
            Instant responded = m.status().responded()
                    ? (m.firstRespondedAt() != null ? m.firstRespondedAt() : m.updatedAt()) : null;
            rows.add(new Object[] {m.campaignId(), m.contactId(), m.status().name(),
                    responded == null ? null : responded.toEpochMilli(), m.createdAt().toEpochMilli(),
                    m.updatedAt().toEpochMilli()});
        }
        tx.executeWithoutResult(s -> {
            for (int from = 0; from < rows.size(); from += 1000) {
                template.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + 1000)));
            }
        });
    }

    @Override
    public List<CostEntry> costs(Long campaignId, LocalDate from, LocalDate to, Long afterId, int limit) {
        return SqlQuery.from("SELECT " + COST_COLUMNS + " FROM cost_entry")
                .where("campaign_id = ?", campaignId)
                .where("period_end >= ?", date(from))
                .where("period_start <= ?", date(to))
                .page(jdbc, dev.baton.platform.SortOrder.<CostSort>cursor(afterId, limit), Map.of(),
                        JdbcCampaignManagement::cost);
    }

    /** Cost entries page by id only. */
    private enum CostSort { ID }

    @Override
    public Optional<CostEntry> findCost(long id) {
        return jdbc.sql("SELECT " + COST_COLUMNS + " FROM cost_entry WHERE id = ?").param(id)
                .query(JdbcCampaignManagement::cost).optional();
    }

    @Override
    public CostEntry createCost(CostEntryDraft d) {
        checkCost(d);
        long id = Ids.next();
        long now = clock.millis();
        jdbc.sql("INSERT INTO cost_entry (" + COST_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?)")
                .params(id, d.campaignId(), date(d.periodStart()), date(d.periodEnd()), d.amount(), d.currency(),
                        d.note(), now, now)
                .update();
        return findCost(id).orElseThrow();
    }

    @Override
    public CostEntry updateCost(long id, CostEntryDraft d) {
        if (findCost(id).isEmpty()) {
            throw new NotFoundException("cost entry", Ids.format(id));
        }
        checkCost(d);
        jdbc.sql("UPDATE cost_entry SET campaign_id = ?, period_start = ?, period_end = ?, amount = ?, currency = ?, "
                        + "note = ?, updated_at = ? WHERE id = ?")
                .params(d.campaignId(), date(d.periodStart()), date(d.periodEnd()), d.amount(), d.currency(), d.note(),
                        clock.millis(), id)
                .update();
        return findCost(id).orElseThrow();
    }

    private void checkCost(CostEntryDraft d) {
        if (find(d.campaignId()).isEmpty()) {
            throw new NotFoundException("campaign", "campaignId", Ids.format(d.campaignId()));
        }
        if (d.periodEnd().isBefore(d.periodStart())) {
            throw new ConflictException("periodEnd", "periodEnd must not be before periodStart");
        }
    }

    @Override
    public void deleteCost(long id) {
        if (jdbc.sql("DELETE FROM cost_entry WHERE id = ?").param(id).update() == 0) {
            throw new NotFoundException("cost entry", Ids.format(id));
        }
    }

    @Override
    public CampaignSummary summary(long campaignId) {
        return summaries(List.of(campaignId)).get(campaignId);
    }

    @Override
    public Map<Long, CampaignSummary> summaries(List<Long> campaignIds) {
        Map<Long, CampaignSummary> result = new HashMap<>();
        if (campaignIds.isEmpty()) {
            return result;
        }
        String marks = String.join(",", Collections.nCopies(campaignIds.size(), "?"));
        List<Object> ids = new ArrayList<>(campaignIds);
        Map<Long, Long> spend = new HashMap<>();
        jdbc.sql("SELECT campaign_id, SUM(amount) FROM cost_entry WHERE campaign_id IN (" + marks + ") "
                        + "GROUP BY campaign_id")
                .params(ids).query((rs, n) -> spend.put(rs.getLong(1), rs.getLong(2))).list();
        Map<Long, long[]> reach = new HashMap<>();
        jdbc.sql("SELECT campaign_id, COUNT(*), COUNT(first_responded_at) FROM campaign_member "
                        + "WHERE campaign_id IN (" + marks + ") GROUP BY campaign_id")
                .params(ids).query((rs, n) -> reach.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)}))
                .list();
        jdbc.sql("SELECT id, planned_budget FROM campaign WHERE id IN (" + marks + ")").params(ids)
                .query((rs, n) -> {
                    long id = rs.getLong(1);
                    long[] r = reach.getOrDefault(id, new long[2]);
                    return result.put(id, new CampaignSummary(id, rs.getLong(2), spend.getOrDefault(id, 0L), r[0],
                            r[1]));
                })
                .list();
        return result;
    }

    @EventListener
    void on(ContactDeleted event) {
        jdbc.sql("DELETE FROM campaign_member WHERE contact_id = ?").param(event.contactId()).update();
    }

    /**
     * Runs inside the merging transaction. Where both contacts are members of one campaign, the survivor's row
     * stays with the earliest first response and creation time; its status is the merged contact's only when the
     * survivor never responded and the merged contact did. The merged contact's other memberships move over.
     */
    @EventListener
    void on(ContactsMerged event) {
        record Row(long campaign, String status, Long responded, long created) {
        }
        java.util.Map<Long, Row> survivor = new java.util.HashMap<>();
        List<Row> merged = new java.util.ArrayList<>();
        jdbc.sql("SELECT campaign_id, contact_id, status, first_responded_at, created_at FROM campaign_member "
                        + "WHERE contact_id IN (?, ?)")
                .params(event.survivorId(), event.mergedId())
                .query((rs, n) -> {
                    Row r = new Row(rs.getLong(1), rs.getString(3), SqlQuery.nullableLong(rs, 4), rs.getLong(5));
                    if (rs.getLong(2) == event.survivorId()) {
                        survivor.put(r.campaign(), r);
                    } else {
                        merged.add(r);
                    }
                    return r;
                }).list();
        for (Row m : merged) {
            Row s = survivor.get(m.campaign());
            if (s == null) {
                continue;
            }
            boolean takeMerged = s.responded() == null && m.responded() != null;
            Long responded = s.responded() == null ? m.responded()
                    : m.responded() == null ? s.responded() : Math.min(s.responded(), m.responded());
            jdbc.sql("UPDATE campaign_member SET status = ?, first_responded_at = ?, created_at = ? "
                            + "WHERE campaign_id = ? AND contact_id = ?")
                    .params(takeMerged ? m.status() : s.status(), responded, Math.min(s.created(), m.created()),
                            m.campaign(), event.survivorId())
                    .update();
            jdbc.sql("DELETE FROM campaign_member WHERE campaign_id = ? AND contact_id = ?")
                    .params(m.campaign(), event.mergedId()).update();
        }
        jdbc.sql("UPDATE campaign_member SET contact_id = ? WHERE contact_id = ?")
                .params(event.survivorId(), event.mergedId()).update();
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("name", "a campaign named '" + name.trim() + "' already exists");
    }

    private static String utm(String utmCampaign) {
        return utmCampaign == null || utmCampaign.isBlank() ? null : utmCampaign.trim().toLowerCase(Locale.ROOT);
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static Campaign map(ResultSet rs, int row) throws SQLException {
        return new Campaign(rs.getLong(1), rs.getString(2), CampaignType.valueOf(rs.getString(3)),
                Channel.fromCode(rs.getString(4)), CampaignStatus.valueOf(rs.getString(5)),
                SqlQuery.nullableDate(rs, 6), SqlQuery.nullableDate(rs, 7), SqlQuery.nullableLong(rs, 8),
                SqlQuery.nullableLong(rs, 9), rs.getString(10), rs.getString(11), Instant.ofEpochMilli(rs.getLong(12)),
                Instant.ofEpochMilli(rs.getLong(13)));
    }

    private static CampaignMember member(ResultSet rs, int row) throws SQLException {
        return new CampaignMember(rs.getLong(1), rs.getLong(2), MemberStatus.valueOf(rs.getString(3)),
                SqlQuery.nullableInstant(rs, 4), Instant.ofEpochMilli(rs.getLong(5)),
                Instant.ofEpochMilli(rs.getLong(6)));
    }

    private static CostEntry cost(ResultSet rs, int row) throws SQLException {
        return new CostEntry(rs.getLong(1), rs.getLong(2), LocalDate.parse(rs.getString(3)),
                LocalDate.parse(rs.getString(4)), rs.getLong(5), rs.getString(6), rs.getString(7),
                Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)));
    }
}
