package ai.omnify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

    @Test
    void unsetOrBlankVariablesGiveTheDefault() {
        Env env = new Env(Map.of("BLANK", "  "));
        assertThat(env.string("BLANK", "fallback")).isEqualTo("fallback");
        assertThat(env.integer("MISSING", 7, 0, 10)).isEqualTo(7);
        assertThat(env.duration("MISSING", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(env.bool("MISSING", true)).isTrue();
    }

    @Test
    void durationsWithAUnitOrInIso8601() {
        Env env = new Env(Map.of("A", "500ms", "B", "5s", "C", "2m", "D", "1h", "E", "35d", "F", "PT5S", "G", "250"));
        assertThat(env.duration("A", null)).isEqualTo(Duration.ofMillis(500));
        assertThat(env.duration("B", null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(env.duration("C", null)).isEqualTo(Duration.ofMinutes(2));
        assertThat(env.duration("D", null)).isEqualTo(Duration.ofHours(1));
        assertThat(env.duration("E", null)).isEqualTo(Duration.ofDays(35));
        assertThat(env.duration("F", null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(env.duration("G", null)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aBadValueNamesTheVariableAndWhatIsValid() {
        Env env = new Env(Map.of("PORT", "70000", "TTL", "soon", "ON", "maybe", "N", "x"));
        assertThatThrownBy(() -> env.integer("PORT", 1, 0, 65535)).isInstanceOf(Env.ConfigException.class)
                .hasMessage("PORT=70000 is out of range: use a whole number from 0 to 65535");
        assertThatThrownBy(() -> env.duration("TTL", null))
                .hasMessage("TTL=soon is not a duration: use e.g. 500ms, 5s, 2m, 1h, 35d or PT5S");
        assertThatThrownBy(() -> env.bool("ON", false)).hasMessage("ON=maybe is not a boolean: use true or false");
        assertThatThrownBy(() -> env.longValue("N", 1, 0, 9)).hasMessage("N=x is not a whole number (from 0 to 9)");
        assertThatThrownBy(() -> env.required("SECRET", "the signing secret"))
                .hasMessage("SECRET is not set: the signing secret");
    }
}
