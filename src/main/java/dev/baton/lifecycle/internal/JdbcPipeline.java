package dev.baton.lifecycle.internal;

import dev.baton.lifecycle.ContactRole;
import dev.baton.lifecycle.Opportunity;
import dev.baton.lifecycle.OpportunityDraft;
import dev.baton.lifecycle.OpportunityQuery;
import dev.baton.lifecycle.OpportunityStage;
import dev.baton.lifecycle.Pipeline;
import dev.baton.lifecycle.StageTotal;
import dev.baton.management.CampaignManagement;
import dev.baton.people.AccountDirectory;
import dev.baton.people.ContactDeleted;
import dev.baton.people.ContactsMerged;
import dev.baton.people.ContactDirectory;
import dev.baton.platform.ConflictException;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.SqlQuery;
import dev.baton.platform.UserDirectory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
class JdbcPipeline implements Pipeline {

    private static final String COLUMNS = "id, name, account_id, campaign_id, owner_id, stage, amount, currency, "
            + "close_date, created_at, updated_at";

    private static final Map<OpportunityQuery.Sort, String> SORT = Map.of(
            OpportunityQuery.Sort.CREATED, "created_at",
            OpportunityQuery.Sort.NAME, "LOWER(name)",
            OpportunityQuery.Sort.AMOUNT, "amount",
            OpportunityQuery.Sort.STAGE, "stage",
            OpportunityQuery.Sort.CLOSE_DATE, "close_date");

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AccountDirectory accounts;
    private final ContactDirectory contacts;
    private final CampaignManagement campaigns;
    private final UserDirectory users;

    JdbcPipeline(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, Clock clock,
            AccountDirectory accounts, ContactDirectory contacts, CampaignManagement campaigns, UserDirectory users) {
        this.jdbc = jdbc;
        this.template = template;
        this.tx = tx;
        this.clock = clock;
        this.accounts = accounts;
        this.contacts = contacts;
        this.campaigns = campaigns;
        this.users = users;
    }

    @Override
    public List<Opportunity> search(OpportunityQuery q) {
        return filter(q).page(jdbc, q.order(), SORT, JdbcPipeline::map);
    }

    @Override
    public long count(OpportunityQuery q) {
        return filter(q).count(jdbc, "opportunity");
    }

    private SqlQuery filter(OpportunityQuery q) {
        return SqlQuery.from("SELECT " + COLUMNS + " FROM opportunity")
                .matching(q.text(), "name")
                .where("account_id = ?", q.accountId())
                .where("campaign_id = ?", q.campaignId())
                .where("id IN (SELECT opportunity_id FROM opportunity_contact_role WHERE contact_id = ?)",
                        q.contactId())
                .where("stage = ?", q.stage())
                .where("owner_id = ?", q.ownerId());
    }

    @Override
    public Optional<Opportunity> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM opportunity WHERE id = ?").param(id).query(JdbcPipeline::map)
                .optional();
    }

    @Override
    public Opportunity create(OpportunityDraft draft, List<ContactRole> roles) {
        return find(createAll(List.of(draft), List.of(roles == null ? List.of() : roles)).get(0)).orElseThrow();
    }

    @Override
    public Opportunity update(long id, OpportunityDraft d, List<ContactRole> roles) {
        if (find(id).isEmpty()) {
            throw new NotFoundException("opportunity", Ids.format(id));
        }
        check(d, roles);
        tx.executeWithoutResult(s -> {
            jdbc.sql("UPDATE opportunity SET name = ?, account_id = ?, campaign_id = ?, owner_id = ?, stage = ?, "
                            + "amount = ?, currency = ?, close_date = ?, updated_at = ? WHERE id = ?")
                    .params(d.name().trim(), d.accountId(), d.campaignId(), d.ownerId(), d.stage().name(), d.amount(),
                            d.currency(), d.closeDate() == null ? null : d.closeDate().toString(), clock.millis(), id)
                    .update();
            if (roles != null) {
                jdbc.sql("DELETE FROM opportunity_contact_role WHERE opportunity_id = ?").param(id).update();
                insertRoles(List.of(id), List.of(roles));
            }
        });
        return find(id).orElseThrow();
    }

    @Override
    public Optional<Long> findByExternalId(String externalId) {
        if (externalId == null || externalId.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id FROM opportunity WHERE external_id = ?").param(externalId.trim())
                .query(Long.class).optional();
    }

    @Override
    public void setExternalId(long id, String externalId) {
        Optional<Long> holder = findByExternalId(externalId);
        if (holder.isPresent() && holder.get() != id) {
            throw new ConflictException("externalId", "another opportunity has the external id " + externalId);
        }
        if (jdbc.sql("UPDATE opportunity SET external_id = ? WHERE id = ?").params(externalId.trim(), id)
                .update() == 0) {
            throw new NotFoundException("opportunity", Ids.format(id));
        }
    }

    @Override
    public void delete(long id) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("DELETE FROM opportunity_contact_role WHERE opportunity_id = ?").param(id).update();
            if (jdbc.sql("DELETE FROM opportunity WHERE id = ?").param(id).update() == 0) {
                throw new NotFoundException("opportunity", Ids.format(id));
            }
        });
    }

    @Override
    public List<ContactRole> contactRoles(long opportunityId) {
        return jdbc.sql("SELECT contact_id, role, is_primary FROM opportunity_contact_role WHERE opportunity_id = ? "
                        + "ORDER BY is_primary DESC, contact_id")
                .param(opportunityId)
                .query((rs, n) -> new ContactRole(rs.getLong(1), ContactRole.Role.valueOf(rs.getString(2)),
                        rs.getBoolean(3)))
                .list();
    }

    @Override
    public List<StageTotal> stageTotals(Long campaignId) {
        return SqlQuery.from("SELECT stage, currency, COUNT(*), SUM(amount) FROM opportunity")
                .where("campaign_id = ?", campaignId)
                .groupedList(jdbc, " GROUP BY stage, currency",
                        (rs, n) -> new StageTotal(OpportunityStage.valueOf(rs.getString(1)), rs.getString(2),
                                rs.getLong(3), rs.getLong(4)))
                .stream()
                .sorted(java.util.Comparator.comparing(StageTotal::stage).thenComparing(StageTotal::currency))
                .toList();
    }

    @Override
    public List<Long> createAll(List<OpportunityDraft> drafts, List<List<ContactRole>> roles) {
        if (drafts.size() != roles.size()) {
            throw new IllegalArgumentException("one role list per opportunity is required");
        }
        for (int i = 0; i < drafts.size(); i++) {
            check(drafts.get(i), roles.get(i));
        }
        long now = clock.millis();
        List<Long> ids = new ArrayList<>(drafts.size());
        List<Object[]> rows = new ArrayList<>(drafts.size());
        for (OpportunityDraft d : drafts) {
            long id = Ids.next();
            ids.add(id);
            rows.add(new Object[] {id, d.name().trim(), d.accountId(), d.campaignId(), d.ownerId(), d.stage().name(),
                    d.amount(), d.currency(), d.closeDate() == null ? null : d.closeDate().toString(), now, now});
        }
        tx.executeWithoutResult(s -> {
            for (int from = 0; from < rows.size(); from += 500) {
                template.batchUpdate("INSERT INTO opportunity (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        rows.subList(from, Math.min(rows.size(), from + 500)));
            }
            insertRoles(ids, roles);
        });
        return ids;
    }

    private void insertRoles(List<Long> opportunityIds, List<List<ContactRole>> roles) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < opportunityIds.size(); i++) {
            for (ContactRole r : roles.get(i)) {
                rows.add(new Object[] {opportunityIds.get(i), r.contactId(), r.role().name(), r.primary()});
            }
        }
        if (!rows.isEmpty()) {
            template.batchUpdate("INSERT INTO opportunity_contact_role (opportunity_id, contact_id, role, is_primary) "
                    + "VALUES (?,?,?,?)", rows);
        }
    }

    /** References must exist and roles must be consistent; bulk loads check the same rules. */
    private void check(OpportunityDraft d, List<ContactRole> roles) {
        if (accounts.find(d.accountId()).isEmpty()) {
            throw new NotFoundException("account", "accountId", Ids.format(d.accountId()));
        }
        if (d.campaignId() != null && campaigns.find(d.campaignId()).isEmpty()) {
            throw new NotFoundException("campaign", "campaignId", Ids.format(d.campaignId()));
        }
        if (d.ownerId() != null && users.find(d.ownerId()).isEmpty()) {
            throw new NotFoundException("user", "ownerId", Ids.format(d.ownerId()));
        }
        if (roles == null) {
            return;
        }
        Set<Long> seen = new HashSet<>();
        int primaries = 0;
        for (int i = 0; i < roles.size(); i++) {
            ContactRole r = roles.get(i);
            if (!seen.add(r.contactId())) {
                throw new ConflictException("contactRoles[" + i + "].contactId", "a contact may have one role per deal");
            }
            if (r.primary()) {
                primaries++;
            }
            if (contacts.find(r.contactId()).isEmpty()) {
                throw new NotFoundException("contact", "contactRoles[" + i + "].contactId", Ids.format(r.contactId()));
            }
        }
        if (primaries > 1) {
            throw new ConflictException("contactRoles", "at most one contact role may be primary");
        }
    }

    @EventListener
    void on(ContactDeleted event) {
        jdbc.sql("DELETE FROM opportunity_contact_role WHERE contact_id = ?").param(event.contactId()).update();
    }

    /**
     * Runs inside the merging transaction. Where both contacts have a role on the same opportunity, the survivor's
     * role stays and is primary if either was; the merged contact's other roles move to the survivor.
     */
    @EventListener
    void on(ContactsMerged event) {
        jdbc.sql("UPDATE opportunity_contact_role SET is_primary = ? WHERE contact_id = ? AND opportunity_id IN "
                        + "(SELECT opportunity_id FROM opportunity_contact_role WHERE contact_id = ? AND is_primary = ?)")
                .params(true, event.survivorId(), event.mergedId(), true).update();
        jdbc.sql("DELETE FROM opportunity_contact_role WHERE contact_id = ? AND opportunity_id IN "
                        + "(SELECT opportunity_id FROM opportunity_contact_role WHERE contact_id = ?)")
                .params(event.mergedId(), event.survivorId()).update();
        jdbc.sql("UPDATE opportunity_contact_role SET contact_id = ? WHERE contact_id = ?")
                .params(event.survivorId(), event.mergedId()).update();
    }

    private static Opportunity map(ResultSet rs, int row) throws SQLException {
        return new Opportunity(rs.getLong(1), rs.getString(2), rs.getLong(3), SqlQuery.nullableLong(rs, 4),
                SqlQuery.nullableLong(rs, 5), OpportunityStage.valueOf(rs.getString(6)), rs.getLong(7),
                rs.getString(8), SqlQuery.nullableDate(rs, 9), Instant.ofEpochMilli(rs.getLong(10)),
                Instant.ofEpochMilli(rs.getLong(11)));
    }
}
