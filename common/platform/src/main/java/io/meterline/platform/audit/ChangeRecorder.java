package io.meterline.platform.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.platform.outbox.Announcement;
import io.meterline.platform.outbox.Outbox;
import io.meterline.platform.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * For services built on Panache entities: writes a change's audit row, and the event that announces it, in the
 * current session's transaction (call it from a {@code @WithTransaction} method), so the change, its audit row and
 * its event commit together or not at all.
 */
@ApplicationScoped
public class ChangeRecorder {

    @Inject
    AuditLog audit;

    @Inject
    Outbox outbox;

    public Uni<Void> audited(Actor actor, String action, String table, Object recordId, Object oldValues,
            Object newValues) {
        return Panache.getSession()
                .chain(session -> audit.record(session, actor, action, table, recordId, oldValues, newValues));
    }

    public Uni<Void> auditedAndAnnounced(Actor actor, String action, String table, Object recordId, Object oldValues,
            Object newValues, Announcement announcement) {
        return Panache.getSession().chain(session -> audit
                .record(session, actor, action, table, recordId, oldValues, newValues)
                .chain(() -> outbox.add(session, announcement.topic(), announcement.key(), announcement.type(),
                        announcement.subject(), announcement.payload())))
                .replaceWithVoid();
    }
}
