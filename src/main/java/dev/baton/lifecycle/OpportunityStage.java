package dev.baton.lifecycle;

/** Pipeline stages. The two closed stages say whether the deal was won or lost. */
public enum OpportunityStage {
    PROSPECTING, DISCOVERY, PROPOSAL, NEGOTIATION, CLOSED_WON, CLOSED_LOST;

    public boolean isClosed() {
        return this == CLOSED_WON || this == CLOSED_LOST;
    }

    public boolean isWon() {
        return this == CLOSED_WON;
    }
}
