package ai.omnify.api.alerts.delivery;

/** How one delivery ended: delivered or failed (given up), after how many attempts, with what last answer. */
public record DeliveryResult(boolean delivered, int attempts, Integer responseStatus, String error) {}
