package dev.baton.measurement;

import java.time.LocalDate;

/** Activities recorded on one UTC day in one channel (channel code, or "none"). */
public record ChannelDay(LocalDate day, String channel, long count) {
}
