package dev.baton.management;

/** A contact's status in a campaign. Some statuses count as a response (first-responded time). */
public enum MemberStatus {
    TARGETED(false), SENT(false), OPENED(false), CLICKED(true), REGISTERED(true), ATTENDED(true), NO_SHOW(false),
    RESPONDED(true);

    private final boolean responded;

    MemberStatus(boolean responded) {
        this.responded = responded;
    }

    public boolean responded() {
        return responded;
    }
}
