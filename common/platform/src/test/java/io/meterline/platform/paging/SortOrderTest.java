package io.meterline.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.meterline.platform.problem.ProblemException;

class SortOrderTest {

    private static final Set<String> FIELDS = Set.of("name", "createdAt", "currency");
    private static final Map<String, String> COLUMNS = Map.of("name", "lower(name)", "createdAt", "created_at",
            "currency", "currency");

    @Test
    void fieldsInOrderWithAMinusForDescending() {
        SortOrder order = SortOrder.parse("currency,-createdAt", FIELDS, "name");
        assertThat(order.keys()).containsExactly(new SortOrder.Key("currency", false),
                new SortOrder.Key("createdAt", true));
        assertThat(order.toSql(COLUMNS, "id"))
                .isEqualTo("currency ASC, created_at DESC, id");
    }

    @Test
    void noSortGivesTheListsOwnOrder() {
        assertThat(SortOrder.parse(null, FIELDS, "-createdAt").toSql(COLUMNS, "id"))
                .isEqualTo("created_at DESC, id");
        assertThat(SortOrder.parse("  ", FIELDS, "name").keys()).containsExactly(new SortOrder.Key("name", false));
    }

    @Test
    void panacheOrderEndsWithTheTieBreaker() {
        var sort = SortOrder.parse("-name", FIELDS, "name").toPanache(Map.of("name", "displayName"), "id");
        assertThat(sort.getColumns()).extracting(c -> c.getName() + " " + c.getDirection())
                .containsExactly("displayName Descending", "id Ascending");
    }

    @Test
    void anUnknownFieldIsRefusedNamingTheFieldsThatSort() {
        assertThatThrownBy(() -> SortOrder.parse("name;drop table x", FIELDS, "name"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).singleElement().satisfies(err -> {
                        assertThat(err.field()).isEqualTo("sort");
                        assertThat(err.message()).contains("createdAt, currency, name");
                    });
                });
    }

    @Test
    void emptyRepeatedOrTooManyFieldsAreRefused() {
        assertThatThrownBy(() -> SortOrder.parse("name,", FIELDS, "name")).isInstanceOfSatisfying(
                ProblemException.class, e -> assertThat(e.errors().get(0).message()).contains("an empty field"));
        assertThatThrownBy(() -> SortOrder.parse("name,-name", FIELDS, "name")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> SortOrder.parse("a,b,c,d,e", Set.of("a", "b", "c", "d", "e"), "a"))
                .isInstanceOf(ProblemException.class);
    }
}
