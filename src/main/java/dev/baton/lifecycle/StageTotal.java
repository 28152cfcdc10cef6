package dev.baton.lifecycle;

/** Count and amount (minor units) of opportunities in one stage and currency. */
public record StageTotal(OpportunityStage stage, String currency, long count, long amount) {
}
