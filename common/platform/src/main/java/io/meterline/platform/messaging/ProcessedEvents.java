package io.meterline.platform.messaging;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/**
 * The idempotent-consumer ledger: {@link #firstTime} records an event id in the consumer's transaction and says
 * whether it was new. Apply the event only when it was; a rolled-back transaction forgets the id with the effect.
 */
public final class ProcessedEvents {

    private ProcessedEvents() {
    }

    /** The same, on the reactive client's connection of the consumer's transaction. */
    public static Uni<Boolean> firstTime(io.vertx.mutiny.sqlclient.SqlConnection tx, String consumer,
            String eventId) {
        return tx.preparedQuery("INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2) "
                + "ON CONFLICT DO NOTHING").execute(io.vertx.mutiny.sqlclient.Tuple.of(consumer, eventId))
                .map(result -> result.rowCount() == 1);
    }

    public static Uni<Boolean> firstTime(Mutiny.Session session, String consumer, String eventId) {
        return session.createNativeQuery("INSERT INTO processed_event (consumer, event_id) VALUES (?1, ?2) "
                + "ON CONFLICT DO NOTHING").setParameter(1, consumer).setParameter(2, eventId).executeUpdate()
                .map(inserted -> inserted == 1);
    }
}
