package io.meterline.platform.paging;

import java.util.List;
import java.util.function.Function;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;

/** Reads one page of a Panache query: its rows (seen through a view), then the total the page shows. */
public final class PanachePages {

    private PanachePages() {
    }

    /** The page {@code page} asks for of {@code query}, each entity shown as {@code view} gives it. */
    public static <E, T> Uni<Page<T>> read(PanacheQuery<E> query, PageRequest page, Function<? super E, T> view) {
        return readAll(query, page, rows -> Uni.createFrom().item(rows.stream().<T> map(view).toList()));
    }

    /** The same, for views that need another read (a plan's versions, an invoice's lines): made for the whole page. */
    public static <E, T> Uni<Page<T>> readAll(PanacheQuery<E> query, PageRequest page,
            Function<List<E>, Uni<List<T>>> views) {
        PanacheQuery<E> paged = query.page(io.quarkus.panache.common.Page.of(page.page(), page.size()));
        return paged.<E> list().chain(rows -> views.apply(rows))
                .chain(items -> paged.count().map(total -> new Page<>(items, page.page(), page.size(), total)));
    }
}
