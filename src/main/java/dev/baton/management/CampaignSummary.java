package dev.baton.management;

/** Budget against spend and reach for one campaign (money in minor units). */
public record CampaignSummary(long campaignId, long plannedBudget, long actualSpend, long members, long responded) {
}
