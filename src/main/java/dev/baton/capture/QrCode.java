package dev.baton.capture;

import java.time.Instant;

/**
 * A printed QR code: an unguessable token that redirects to {@code targetUrl}. Per recipient when
 * {@code contactId} is set, else one code for the whole campaign.
 */
public record QrCode(String token, long campaignId, Long contactId, String targetUrl, Instant createdAt) {
}
