package dev.baton.people;

/** Where a person is in the buying journey, from first touch to customer. */
public enum LifecycleStage {
    SUBSCRIBER, LEAD, MQL, SQL, OPPORTUNITY, CUSTOMER, EVANGELIST, DISQUALIFIED
}
