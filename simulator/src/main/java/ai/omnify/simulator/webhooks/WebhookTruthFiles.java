package ai.omnify.simulator.webhooks;

import ai.omnify.model.Json;
import ai.omnify.model.order.OrderEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ground truth of the webhooks sent, beside the fakes' other truth files: {@code webhook-orders.csv} (per order
 * id, the latest version the receiver acknowledged: its final totals) and {@code webhooks.json} (counts: webhooks,
 * second deliveries, attempts, acknowledged, retried, given up, by topic and by failure). Each file is replaced whole.
 */
public final class WebhookTruthFiles {
    private WebhookTruthFiles() {}

    public static void write(Path dir, ShopifyWebhookSender sender, ShopifyWebhookConfig config) throws IOException {
        Files.createDirectories(dir);
        Path orders = dir.resolve("webhook-orders.csv.tmp");
        try (BufferedWriter w = Files.newBufferedWriter(orders)) {
            w.write("orderId,createdAt,updatedAt,currency,totalPrice,refunded,cancelledAt,netRevenue");
            w.newLine();
            for (OrderEvent o : sender.delivered().values()) {
                w.write(String.join(",", o.orderId(), o.createdAt().toString(), o.updatedAt().toString(), o.currency(),
                        o.totalPrice().toPlainString(), o.refunded() == null ? "0" : o.refunded().toPlainString(),
                        o.cancelledAt() == null ? "" : o.cancelledAt().toString(), o.netRevenue().toPlainString()));
                w.newLine();
            }
        }
        Files.move(orders, dir.resolve("webhook-orders.csv"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("url", config.url().toString());
        summary.put("shop", config.shopDomain());
        summary.put("duplicateShare", config.duplicateShare());
        summary.put("shuffleWindowMs", config.shuffleWindow().toMillis());
        summary.put("maxRetries", config.maxRetries());
        summary.put("stats", sender.stats());
        Path tmp = dir.resolve("webhooks.json.tmp");
        Files.writeString(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        Files.move(tmp, dir.resolve("webhooks.json"), StandardCopyOption.REPLACE_EXISTING);
    }
}
