package ai.omnify.ingest.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60));

    @Property
    void aJitteredWaitStaysWithinTheExponentialCeiling(@ForAll @IntRange(min = 1, max = 200) int attempt,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        Duration d = backoff.delay(attempt, null, () -> random);
        assertThat(d).isBetween(Duration.ZERO, backoff.ceiling(attempt));
        assertThat(backoff.ceiling(attempt)).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.ceiling(attempt + 1)).isGreaterThanOrEqualTo(backoff.ceiling(attempt));
    }

    @Test
    void theCeilingDoublesFromTheInitialWaitUpToTheMaximum() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.ceiling(9)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.ceiling(64)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theWaitThePlatformAskedForIsHonouredAsIs() {
        assertThat(backoff.delay(1, Duration.ofSeconds(90), () -> 0.5)).isEqualTo(Duration.ofSeconds(90));
        assertThat(backoff.delay(3, Duration.ofMillis(-5), () -> 0.5)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertThat(PlatformHttp.parseRetryAfter("2.0")).isEqualTo(Duration.ofSeconds(2));
        assertThat(PlatformHttp.parseRetryAfter("0.05")).isEqualTo(Duration.ofMillis(50));
        assertThat(PlatformHttp.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(PlatformHttp.parseRetryAfter("soon")).isNull();
    }
}
