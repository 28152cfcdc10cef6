package dev.baton.platform;

import java.time.Instant;

/** Where a processor stands: its offset, how much it has applied, and how far behind the log it is. */
public record ProcessorStatus(String name, long offset, long processedCount, long lag, Instant updatedAt) {
}
