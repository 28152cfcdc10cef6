package dev.baton.management;

public enum CampaignStatus {
    PLANNED, ACTIVE, COMPLETED, ABORTED
}
