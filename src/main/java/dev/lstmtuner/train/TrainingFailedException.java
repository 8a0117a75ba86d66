package dev.lstmtuner.train;

/** A run that cannot go on (NaN loss, exploding weights, out of memory); the message says what to try. */
public class TrainingFailedException extends RuntimeException {
    public TrainingFailedException(String message) {
        super(message);
    }

    public TrainingFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
