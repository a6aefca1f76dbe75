package io.meterline.billing.runs;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.billing.clients.Client;
import io.meterline.billing.invoices.InvoiceView;
import io.meterline.contracts.catalog.PublishedCatalog;
import io.meterline.platform.problem.ProblemException;
import io.meterline.rating.invoicing.PeriodBill;
import io.meterline.rating.invoicing.PeriodBiller;
import io.meterline.rating.invoicing.PeriodInputs;
import io.meterline.rating.periods.BillingPeriod;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The invoice preview: the client's open period so far, billed by the same function as a run, from the same reads,
 * and never stored. Usage counts up to the last whole hour, where metering answers from its hourly rollups.
 */
@ApplicationScoped
public class InvoicePreviewService {

    @Inject
    PeriodUsage periodUsage;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    public Uni<InvoicePreview> preview(UUID clientId) {
        Instant now = clock.instant();
        return Panache.withSession(() -> Client.<Client> findById(clientId).chain(client -> {
            if (client == null) {
                throw ProblemException.notFound("No client " + clientId + ".");
            }
            BillingPeriod period = client.periods().containing(now).orElseThrow(() -> ProblemException.conflict(
                    "Client " + client.externalId + " is not billed now (it starts at " + client.startsAt
                            + (client.endsAt == null ? "" : " and ends at " + client.endsAt) + ")."));
            return ClientChunk.load(List.of(clientId)).chain(chunk -> CatalogSnapshot.load(json)
                    .map(catalog -> new Context(client, period, chunk, catalog)));
        })).emitOn(Infrastructure.getDefaultWorkerPool()).map(this::bill);
    }

    private record Context(Client client, BillingPeriod period, ClientChunk chunk, PublishedCatalog catalog) {
    }

    private InvoicePreview bill(Context c) {
        Instant through = clock.instant().truncatedTo(ChronoUnit.HOURS);
        if (through.isAfter(c.period().end())) {
            through = c.period().end();
        }
        PeriodInputsBuilder builder = new PeriodInputsBuilder(c.chunk(), c.catalog());
        PeriodUsage.Read read = through.isAfter(c.period().start())
                ? periodUsage.read(c.chunk(), builder, c.period().start(), through, List.of(c.client().id))
                : new PeriodUsage.Read(java.util.Map.of(), java.util.Map.of());
        String customer = c.client().externalId;
        PeriodInputs inputs = builder.inputs(c.client(), c.period(), read.rows().getOrDefault(customer, List.of()),
                read.wholeRows().getOrDefault(customer, List.of()), List.of(), c.chunk().credit.get(c.client().id));
        PeriodBill bill = PeriodBiller.bill(inputs);
        return new InvoicePreview(c.client().id, customer, c.period().start(), c.period().end(),
                through.isAfter(c.period().start()) ? through : c.period().start(), c.client().currency,
                bill.total(), bill.lines().stream().map(l -> new InvoiceView.Line(l.kind().name(), l.description(),
                        l.quantity(), l.unitPrice(), l.amount(), l.bucketId(), l.chargeKey(),
                        l.dimensions() == null || l.dimensions().isEmpty() ? null : l.dimensions(),
                        l.correctsPeriod())).toList(), bill.readings(), PeriodBiller.overlaps(inputs));
    }
}
