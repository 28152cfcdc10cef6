package dev.baton.lifecycle;

/** A person's part in a deal. */
public record ContactRole(long contactId, Role role, boolean primary) {

    public enum Role { DECISION_MAKER, ECONOMIC_BUYER, CHAMPION, INFLUENCER, TECHNICAL_BUYER, END_USER, OTHER }
}
