package dev.lstmtuner.cli;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import java.util.Optional;

/** How users name a trial on the command line: {@code <campaign>/<number>} or the trial's global id. */
final class TrialRef {
    private TrialRef() {
    }

    static Trial resolve(Store store, String ref) {
        Optional<Trial> found;
        int slash = ref.lastIndexOf('/');
        if (ref.chars().allMatch(Character::isDigit) && !ref.isEmpty()) {
            found = store.trial(Long.parseLong(ref));
        } else if (slash > 0 && slash < ref.length() - 1
                && ref.substring(slash + 1).chars().allMatch(Character::isDigit)) {
            found = store.trial(ref.substring(0, slash), Integer.parseInt(ref.substring(slash + 1)));
        } else {
            throw new BadInputException("trial '" + ref + "' is not a trial name: use <campaign>/<number> "
                    + "(as `lstm-tuner trials <campaign>` shows) or a trial id");
        }
        return found.orElseThrow(() -> new BadInputException("no trial '" + ref + "' in the store: run "
                + "`lstm-tuner campaigns` and `lstm-tuner trials <campaign>` to find it"));
    }
}
