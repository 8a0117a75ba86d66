package dev.lstmtuner.store;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;

/**
 * Tells the pool that a connection whose H2 database closed itself (it could not write its file: a full disk) is
 * dead, as the pool already assumes of SQLSTATE class 08: it is evicted and the next one opens the file again.
 */
public final class H2ClosedConnections implements SQLExceptionOverride {
    // no @Override: the interface's nested enum is called Override too
    public Override adjudicate(SQLException e) {
        return Dialect.h2Unwritable(e) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
