package io.clvstream.demo;

import io.clvstream.config.ClvConfig;
import io.clvstream.config.ClvConfigLoader;
import io.clvstream.customer.CustomerTopologyConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings {@code clv demo} runs with. The production defaults suit a shop in dollars and
 * wall-clock time; the CDNOW sample spends tens of dollars per order and happened in 1997, so the
 * demo replaces them, while anything the user set (file, environment, flags) still wins.
 */
public final class DemoSettings {

    /** Not {@code ./data}, so the demo never mixes with {@code clv run}'s data unless asked to. */
    public static final String DATA_DIR = "./data/demo";

    /**
     * Tuned on the CDNOW sample: about 1,000 customers reach silver, 370 gold and 90 platinum on
     * 12-month spend, and 49 cross a formula CLV of 1,500 (the top one reaches about 19,000).
     */
    static final Map<String, String> DEFAULTS = Map.of(
        CustomerTopologyConfig.TIME_SOURCE, "stream-time",
        CustomerTopologyConfig.TIERS, "bronze:0,silver:50,gold:150,platinum:400",
        CustomerTopologyConfig.HIGH_VALUE_THRESHOLD, "1500");

    private DemoSettings() {
    }

    /**
     * {@code loaded} with the demo's defaults where nobody set a value, its own data directory unless
     * {@code explicitFlags} name one, and Streams state under that directory unless a flag moves it
     * (the container image points {@code state.dir} at {@code clv run}'s state through the environment).
     */
    public static ClvConfig apply(ClvConfig loaded, Map<String, String> explicitFlags) {
        final Map<String, Object> overrides = new LinkedHashMap<>();
        DEFAULTS.forEach((key, value) -> {
            if (loaded.get(key).isEmpty()) {
                overrides.put(key, value);
            }
        });
        final String dataDir = explicitFlags.getOrDefault(ClvConfig.DATA_DIR, DATA_DIR);
        overrides.put(ClvConfig.DATA_DIR, dataDir);
        overrides.put(ClvConfig.STATE_DIR,
            explicitFlags.getOrDefault(ClvConfig.STATE_DIR, Path.of(dataDir, "streams").toString()));
        return loaded.with(overrides);
    }

    /** Defaults only, for callers without a command line (tests). */
    public static ClvConfig of(Map<String, String> flags) {
        return apply(ClvConfigLoader.of(flags), flags);
    }
}
