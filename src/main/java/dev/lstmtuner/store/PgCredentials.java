package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;

import java.util.Locale;

/**
 * Where a PostgreSQL store's login comes from: the user from the URL ({@code ?user=}), else PGUSER, else the
 * system user; the password from the environment variable named by {@code --store-password-env}, else PGPASSWORD,
 * else the driver reads ~/.pgpass (or PGPASSFILE). Never from the command line, which {@code ps} shows to everyone:
 * a URL with a password in it is refused. The password is handed to the pool only, never logged or stored.
 */
final class PgCredentials {
    private PgCredentials() {
    }

    static Store open(String url, String passwordEnv) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.contains("password=")) {
            throw new BadInputException("--store " + redact(url) + " carries a password, which `ps` shows to "
                    + "every user of the machine: remove it from the URL and set PGPASSWORD, a ~/.pgpass line, or "
                    + "--store-password-env NAME (the name of an environment variable holding it)");
        }
        String password;
        if (passwordEnv != null) {
            password = System.getenv(passwordEnv);
            if (password == null) {
                throw new BadInputException("--store-password-env " + passwordEnv + ": no such environment variable "
                        + "is set; export it (e.g. `read -rs " + passwordEnv + " && export " + passwordEnv + "`)");
            }
        } else {
            password = System.getenv("PGPASSWORD");
        }
        String user = null;
        if (!lower.contains("user=")) {
            String env = System.getenv("PGUSER");
            user = env != null && !env.isBlank() ? env : System.getProperty("user.name");
        }
        return new JdbcStore(url, user, password);
    }

    /** The URL with any password parameter's value replaced, for messages. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
