package dev.lstmtuner.search.device;

import dev.lstmtuner.config.BadInputException;
import java.util.Locale;

/** What {@code --devices} asks for: GPUs when there are some (auto), the CPU only, or GPUs only. */
public enum Devices {
    AUTO, CPU, GPU;

    public static Devices parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--devices must be auto, cpu or gpu, got \"" + value + "\"");
        }
    }
}
