package dev.baton.platform;

import java.time.Instant;

/** An activity about to be appended; the log assigns id and recorded time. */
public record NewActivity(Instant occurredAt, String type, Long contactId, Long accountId, Long campaignId,
        String channel, Activity.Utm utm, String props) {

    public NewActivity {
        if (occurredAt == null || type == null) {
            throw new IllegalArgumentException("occurredAt and type are required");
        }
        if (utm == null) {
            utm = Activity.Utm.NONE;
        }
    }
}
