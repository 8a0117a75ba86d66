package dev.lstmtuner.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source that counts what its connections send the server: each statement execution (a batch counts once,
 * as the driver sends it in one go) and each COMMIT or ROLLBACK is one round trip; a transaction is a COMMIT or a
 * statement run in auto-commit. A COMMIT with nothing sent since the last one is not counted (the driver does not
 * send it either), nor what the pool does on its own (set-up and validation).
 */
final class CountingDataSource {
    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    final AtomicInteger roundTrips = new AtomicInteger();
    final AtomicInteger transactions = new AtomicInteger();

    DataSource wrap(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, m, args) -> {
                    Object r = call(real, m, args);
                    return r instanceof Connection c ? connection(c) : r;
                });
    }

    private Connection connection(Connection real) {
        AtomicBoolean open = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, m, args) -> {
                    Object r = call(real, m, args);
                    if ((m.getName().equals("commit") || m.getName().equals("rollback")) && open.getAndSet(false)) {
                        roundTrips.incrementAndGet();
                        if (m.getName().equals("commit")) transactions.incrementAndGet();
                    }
                    // the store's SQL is all prepared; plain statements are the pool's own set-up
                    return r instanceof PreparedStatement ps ? statement(ps, real, open) : r;
                });
    }

    private Object statement(PreparedStatement real, Connection c, AtomicBoolean open) {
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{PreparedStatement.class}, (proxy, m, args) -> {
            Object r = call(real, m, args);
            if (EXECUTES.contains(m.getName())) {
                roundTrips.incrementAndGet();
                if (c.getAutoCommit()) transactions.incrementAndGet();
                else open.set(true);
            }
            return r;
        });
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
