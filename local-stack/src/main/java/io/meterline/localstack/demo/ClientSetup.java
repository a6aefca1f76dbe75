package io.meterline.localstack.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clients in billing-service, each with its buckets (a vCPU bucket bound to its named nodes, a storage bucket
 * counting the rest of its storage) and, for the AI platform's users, a subscription to the plan in its currency.
 */
final class ClientSetup {

    /** Billing's ids: each client's, and its vCPU bucket's, by external id. */
    record Made(Map<String, String> clients, Map<String, String> vcpuBuckets) {
    }

    private final DemoApi api;
    private final DemoData.Stack stack;
    private final DemoCalendar calendar;
    private final PrintStream out;

    ClientSetup(DemoApi api, DemoData.Stack stack, DemoCalendar calendar, PrintStream out) {
        this.api = api;
        this.stack = stack;
        this.calendar = calendar;
        this.out = out;
    }

    Made create(Map<String, String> pricePlans) {
        Map<String, String> clients = new LinkedHashMap<>();
        Map<String, String> vcpuBuckets = new LinkedHashMap<>();
        int buckets = 0;
        int subscriptions = 0;
        for (DemoClient client : DemoClient.ALL) {
            String id = client(client);
            clients.put(client.externalId(), id);
            vcpuBuckets.put(client.externalId(), vcpuBucket(client, id));
            storageBucket(client, id);
            buckets += 2;
            if (client.ai()) {
                subscribe(client, id, pricePlans.get(client.currency()));
                subscriptions++;
            }
        }
        out.printf("  clients: %d clients, %d buckets, %d subscriptions%n", clients.size(), buckets, subscriptions);
        return new Made(clients, vcpuBuckets);
    }

    private String client(DemoClient client) {
        Map<String, Object> cycle = new LinkedHashMap<>();
        cycle.put("type", client.anchorDay() == null ? "CALENDAR_MONTH" : "ANNIVERSARY");
        if (client.anchorDay() != null) {
            cycle.put("anchorDay", client.anchorDay());
        }
        // A day's grace: the month-end runs below close every period that ended a day before them.
        return api.post(stack.billingUrl() + "/api/v1/clients", Map.of("name", client.name(), "externalId",
                client.externalId(), "currency", client.currency(), "timeZone", client.timeZone(), "billingCycle",
                cycle, "startsAt", client.startsAt(calendar.month()).toString(), "gracePeriod", "P1D",
                "paymentTermsDays", client.paymentTermsDays()), 201).get("id").asText();
    }

    /** Counts the client's named nodes only: another node of the client is unbound until someone binds it. */
    private String vcpuBucket(DemoClient client, String id) {
        PriceBook book = PriceBook.of(client.currency());
        List<String> nodes = new ArrayList<>();
        for (int n = 1; n <= client.nodes(); n++) {
            nodes.add(client.node(n));
        }
        return api.post(stack.billingUrl() + "/api/v1/buckets", Map.of("client", id, "unitType",
                Catalog.unitType("vcpu-hour", client.currency()), "name", "Production cluster", "sourceType", "k8s",
                "commitUnits", Long.toString(client.vcpuCommit()), "basePrice",
                PriceBook.base(client.vcpuCommit(), book.vcpuRate()), "startsAt",
                client.startsAt(calendar.month()).toString(), "assets", nodes), 201).get("id").asText();
    }

    /** Without assets: it counts all of the client's storage. */
    private void storageBucket(DemoClient client, String id) {
        PriceBook book = PriceBook.of(client.currency());
        api.post(stack.billingUrl() + "/api/v1/buckets", Map.of("client", id, "unitType",
                Catalog.unitType("storage-gb-day", client.currency()), "name", "Object storage", "sourceType", "aws",
                "commitUnits", Long.toString(client.storageCommit()), "basePrice",
                PriceBook.base(client.storageCommit(), book.storageRate()), "startsAt",
                client.startsAt(calendar.month()).toString()), 201);
    }

    /** Billing refuses a plan whose published version has not reached it over Kafka yet: asked again until then. */
    private void subscribe(DemoClient client, String id, String pricePlan) {
        api.retry("POST", stack.billingUrl() + "/api/v1/subscriptions", Map.of("client", id, "pricePlan", pricePlan,
                "startsAt", client.startsAt(calendar.month()).toString()), 201, Duration.ofSeconds(90));
    }
}
