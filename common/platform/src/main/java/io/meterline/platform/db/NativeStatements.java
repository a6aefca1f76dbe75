package io.meterline.platform.db;

import java.util.regex.Pattern;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/**
 * Runs one of the platform's SQL statements (written with PostgreSQL's {@code $n} placeholders for the reactive
 * client) inside a Hibernate Reactive session, so that audit and outbox rows join a Panache service's transaction.
 */
public final class NativeStatements {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");

    private NativeStatements() {
    }

    public static Uni<Void> execute(Mutiny.Session session, String sql, Object... values) {
        return update(session, sql, values).replaceWithVoid();
    }

    /** Runs an INSERT, UPDATE or DELETE and answers how many rows it touched. */
    public static Uni<Integer> update(Mutiny.Session session, String sql, Object... values) {
        // Hibernate numbers JDBC-style parameters ?1, ?2 and binds them as $1, $2.
        Mutiny.Query<Object> query = session.createNativeQuery(PLACEHOLDER.matcher(sql).replaceAll("?$1"));
        for (int i = 0; i < values.length; i++) {
            query.setParameter(i + 1, values[i]);
        }
        return query.executeUpdate();
    }
}
