package dev.baton.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.people.ContactQuery;
import org.junit.jupiter.api.Test;

class ListStateTest {

    ListState<ContactQuery.Sort> state(String sort, String dir, int page) {
        return ListState.of("/contacts", ContactQuery.Sort.class, sort, dir, page, ContactQuery.Sort.UPDATED, true);
    }

    @Test
    void unknownSortFallsBackToTheDefault() {
        ListState<ContactQuery.Sort> s = state("password; DROP TABLE contact", "sideways", 1);
        assertThat(s.order().sort()).isEqualTo(ContactQuery.Sort.UPDATED);
        assertThat(s.order().descending()).isFalse();
        assertThat(state(null, null, 1).order().descending()).isTrue();
    }

    @Test
    void sortLinksKeepFiltersAndToggleDirection() {
        ListState<ContactQuery.Sort> s = state("name", "asc", 3).filter("q", "ada & co").filter("stage", null);
        s.total(1000);
        assertThat(s.sortUrl("name")).isEqualTo("/contacts?q=ada%20%26%20co&sort=name&dir=desc");
        assertThat(s.sortUrl("company")).isEqualTo("/contacts?q=ada%20%26%20co&sort=company&dir=asc");
        assertThat(s.sortState("name")).isEqualTo("asc");
        assertThat(s.sortState("company")).isEmpty();
        assertThat(s.pageUrl(4)).isEqualTo("/contacts?q=ada%20%26%20co&sort=name&dir=asc&page=4");
        assertThat(s.filtered()).isTrue();
    }

    @Test
    void pagingWindowAndBounds() {
        ListState<ContactQuery.Sort> s = state("name", "asc", 10).total(1000); // 40 pages
        assertThat(s.pages()).isEqualTo(40);
        assertThat(s.from()).isEqualTo(226);
        assertThat(s.to()).isEqualTo(250);
        assertThat(s.window()).containsExactly(1, 0, 8, 9, 10, 11, 12, 0, 40);
        assertThat(s.order().offset()).isEqualTo(225);
        assertThat(s.order().limit()).isEqualTo(ListState.PAGE_SIZE);
    }

    @Test
    void aPageBeyondTheEndIsPulledBackToTheLastPage() {
        ListState<ContactQuery.Sort> s = state("name", "asc", Integer.MAX_VALUE).total(30);
        assertThat(s.page()).isEqualTo(2);
        assertThat(s.order().offset()).isEqualTo(25);
        ListState<ContactQuery.Sort> empty = state("name", "asc", 7).total(0);
        assertThat(empty.page()).isEqualTo(1);
        assertThat(empty.order().offset()).isZero();
        assertThat(empty.from()).isZero();
    }
}
