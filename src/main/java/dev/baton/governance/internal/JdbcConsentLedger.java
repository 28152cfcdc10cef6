package dev.baton.governance.internal;

import dev.baton.governance.ConsentLedger;
import dev.baton.governance.ConsentRecord;
import dev.baton.governance.ConsentStatus;
import dev.baton.people.ContactDeleted;
import dev.baton.people.ContactsMerged;
import dev.baton.platform.Ids;
import java.time.Instant;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcConsentLedger implements ConsentLedger {

    private static final String COLUMNS = "id, contact_id, channel, purpose, status, lawful_basis, source, "
            + "consent_text, text_version, ip_address, user_agent, occurred_at";

    private final JdbcClient jdbc;

    JdbcConsentLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ConsentRecord record(ConsentRecord e) {
        long id = Ids.next();
        jdbc.sql("INSERT INTO consent_record (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(id, e.contactId(), e.channel(), e.purpose(), e.status().name(), e.lawfulBasis(), e.source(),
                        e.consentText(), e.textVersion(), e.ipAddress(), e.userAgent(), e.occurredAt().toEpochMilli())
                .update();
        return new ConsentRecord(id, e.contactId(), e.channel(), e.purpose(), e.status(), e.lawfulBasis(), e.source(),
                e.consentText(), e.textVersion(), e.ipAddress(), e.userAgent(), e.occurredAt());
    }

    @Override
    public List<ConsentRecord> history(long contactId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent_record WHERE contact_id = ? ORDER BY occurred_at DESC, id DESC")
                .param(contactId)
                .query((rs, n) -> new ConsentRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        ConsentStatus.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), Instant.ofEpochMilli(rs.getLong(12))))
                .list();
    }

    /**
     * Deleting a contact removes its ledger rows with it (the foreign key requires it). Erasure with a
     * retained suppression record is the governance work's job; plain deletion is an admin action.
     */
    @EventListener
    void on(ContactDeleted event) {
        jdbc.sql("DELETE FROM consent_record WHERE contact_id = ?").param(event.contactId()).update();
    }

    /**
     * Runs inside the merging transaction: both consent histories become the survivor's. The ledger is
     * append-only evidence, so no record is dropped; per channel and purpose the latest record decides, as always.
     */
    @EventListener
    void on(ContactsMerged event) {
        jdbc.sql("UPDATE consent_record SET contact_id = ? WHERE contact_id = ?")
                .params(event.survivorId(), event.mergedId()).update();
    }
}
