package ai.omnify.api.ops;

/** Whether a dependency answers. */
@FunctionalInterface
public interface HealthCheck {
    boolean healthy();
}
