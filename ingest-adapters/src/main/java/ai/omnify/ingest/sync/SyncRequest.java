package ai.omnify.ingest.sync;

import ai.omnify.model.Platform;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One read of one connection.
 *
 * @param orgId the organization the rows belong to (stamped on every record)
 * @param connectionId the connection ({@code api_credentials.id})
 * @param platform which platform
 * @param account the platform account: Meta ad account id ({@code act_...}), Google customer id, TikTok
 *     advertiser id, Shopify shop domain
 * @param credentials decrypted credentials by name (e.g. {@code access_token}, {@code refresh_token},
 *     {@code login_customer_id}); never logged
 * @param from first day to read (ad platforms), in the account's time zone; null for Shopify
 * @param to last day to read, inclusive; null for Shopify
 * @param updatedSince Shopify: orders updated at or after this instant; null for ad platforms
 * @param resumeCursor where an interrupted read of the same window stopped (from {@link SyncOutput#pageDone}), or
 *     null to start at the beginning
 */
public record SyncRequest(
        UUID orgId,
        UUID connectionId,
        Platform platform,
        String account,
        Map<String, String> credentials,
        LocalDate from,
        LocalDate to,
        Instant updatedSince,
        String resumeCursor) {
    public SyncRequest {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(account, "account");
        credentials = Map.copyOf(credentials);
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
    }

    @Override
    public String toString() { // never print credentials
        return "SyncRequest[org=" + orgId + ", connection=" + connectionId + ", " + platform.wire() + " " + account
                + ", " + from + ".." + to + ", updatedSince=" + updatedSince + ", resume=" + (resumeCursor != null) + "]";
    }
}
