package ai.omnify.simulator.incident;

import ai.omnify.simulator.brand.Ad;
import java.util.List;

/** The incidents injected into a simulation (none by default) and their combined effect on one hour of one ad. */
public record Incidents(List<Incident> all) {

    /** Multipliers for one hour of one ad; {@link #NONE} when no incident touches it. */
    public record Effect(double spend, double ctr, double conversions, double orders, double frequency) {
        public static final Effect NONE = new Effect(1, 1, 1, 1, 1);

        public boolean isNone() {
            return this.equals(NONE);
        }
    }

    public Incidents {
        all = List.copyOf(all);
    }

    public static Incidents none() {
        return new Incidents(List.of());
    }

    public Effect effectOn(Ad ad, long slotStartMillis) {
        if (all.isEmpty()) {
            return Effect.NONE;
        }
        double s = 1;
        double c = 1;
        double conv = 1;
        double o = 1;
        double f = 1;
        boolean any = false;
        for (Incident i : all) {
            if (i.affects(ad, slotStartMillis)) {
                any = true;
                s *= i.spendFactor();
                c *= i.ctrFactor();
                conv *= i.conversionFactor();
                o *= i.orderFactor();
                f *= i.frequencyFactor();
            }
        }
        return any ? new Effect(s, c, conv, o, f) : Effect.NONE;
    }
}
