package ai.omnify.ingest.meta;

/** An ad account's identity, currency and time zone ({@code GET /act_<id>?fields=account_id,name,currency,timezone_name}). */
public record MetaAccount(String id, String name, String currency, String timeZone) {}
