package dev.baton.governance;

import java.util.List;

/** The consent ledger. The full decision rules (canContact) arrive with the governance work. */
public interface ConsentLedger {

    /** Appends a record; the id is assigned. */
    ConsentRecord record(ConsentRecord entry);

    /** Every record for the contact, newest first. */
    List<ConsentRecord> history(long contactId);
}
