package io.meterline.projection;

import java.util.ArrayList;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * Projection's pool keeps its prepared statements, long ones included: the freshness path runs the same few
 * set-based statements (UsageWriter, ProjectionWriter, ProjectionInputs) many times a second, and preparing them
 * again each time cost a round trip and a plan apiece (measured: planning the projection save took ~5 ms, its
 * execution ~12 ms). Vert.x caches only statements under 2,048 characters by default; the save is longer.
 */
@Singleton
public class StatementCache implements PgPoolCreator {

    /** Longer than any statement of this service. */
    static final int SQL_LIMIT = 16_384;

    @Override
    public Pool create(Input input) {
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setCachePreparedStatements(true).setPreparedStatementCacheSqlLimit(SQL_LIMIT);
        }
        return PgBuilder.pool().with(input.poolOptions())
                .connectingTo(new ArrayList<SqlConnectOptions>(input.pgConnectOptionsList())).using(input.vertx())
                .build();
    }
}
