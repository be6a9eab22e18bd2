// Edits are applied in start order; colliding ones are skipped and counted, never crash.
#include "fix/apply.hpp"

#include <catch2/catch.hpp>

using poolcheck::byte_span;
using poolcheck::edit;
using poolcheck::fixes::apply_edits;

namespace {

edit replace(std::size_t begin, std::size_t end, std::string text) {
  return edit{byte_span{begin, end}, std::move(text)};
}

edit insert(std::size_t at, std::string text) {
  return replace(at, at, std::move(text));
}

} // namespace

TEST_CASE("no edits leave the text as it is", "[fix][apply]") {
  auto out = apply_edits("A=1\n", {});
  CHECK(out.text == "A=1\n");
  CHECK(out.applied == 0);
  CHECK(out.skipped == 0);
}

TEST_CASE("edits in any order are applied by position", "[fix][apply]") {
  std::string text = "postgres://h:5432/db";
  auto out = apply_edits(text, {replace(18, 20, "app"), replace(13, 17, "6543"), insert(0, "X=")});
  CHECK(out.text == "X=postgres://h:6543/app");
  CHECK(out.applied == 3);
  CHECK(out.skipped == 0);
}

TEST_CASE("an edit overlapping one already taken is skipped", "[fix][apply]") {
  std::string text = "abcdefgh";
  SECTION("partial overlap: the earlier start wins") {
    auto out = apply_edits(text, {replace(3, 6, "Y"), replace(1, 4, "X")});
    CHECK(out.text == "aXefgh");
    CHECK(out.applied == 1);
    CHECK(out.skipped == 1);
  }
  SECTION("same span twice: the first given wins") {
    auto out = apply_edits(text, {replace(2, 4, "1"), replace(2, 4, "2")});
    CHECK(out.text == "ab1efgh");
    CHECK(out.applied == 1);
    CHECK(out.skipped == 1);
  }
  SECTION("same start, different ends: the first given wins") {
    auto out = apply_edits(text, {replace(2, 6, "long"), replace(2, 3, "short")});
    CHECK(out.text == "ablonggh");
    CHECK(out.skipped == 1);
  }
  SECTION("an edit inside a taken one") {
    auto out = apply_edits(text, {replace(1, 7, "-"), replace(3, 4, "!")});
    CHECK(out.text == "a-h");
    CHECK(out.applied == 1);
    CHECK(out.skipped == 1);
  }
  SECTION("an insertion strictly inside a replaced span") {
    auto out = apply_edits(text, {replace(2, 5, "_"), insert(3, "+")});
    CHECK(out.text == "ab_fgh");
    CHECK(out.applied == 1);
    CHECK(out.skipped == 1);
  }
}

TEST_CASE("adjacent edits are not overlaps", "[fix][apply]") {
  auto out = apply_edits("abcdef", {replace(3, 6, "DEF"), replace(0, 3, "ABC")});
  CHECK(out.text == "ABCDEF");
  CHECK(out.applied == 2);
  CHECK(out.skipped == 0);
}

TEST_CASE("insertions at a replaced span's edges are both kept", "[fix][apply]") {
  SECTION("insertion at the end of a replaced span") {
    auto out = apply_edits("abcdef", {replace(1, 3, "X"), insert(3, "+")});
    CHECK(out.text == "aX+def");
    CHECK(out.applied == 2);
  }
  SECTION("insertion at the start of a replaced span goes first, whatever the given order") {
    auto out = apply_edits("abcdef", {replace(1, 3, "X"), insert(1, "+")});
    CHECK(out.text == "a+Xdef");
    CHECK(out.applied == 2);
    CHECK(out.skipped == 0);
  }
}

TEST_CASE("insertions at the same offset are all applied in the given order", "[fix][apply]") {
  auto out = apply_edits("ab", {insert(1, "1"), insert(1, "2"), insert(1, "3")});
  CHECK(out.text == "a123b");
  CHECK(out.applied == 3);
  CHECK(out.skipped == 0);
}

TEST_CASE("insertions at the very start and end", "[fix][apply]") {
  auto out = apply_edits("A=1", {insert(3, "\n"), insert(0, "# c\n")});
  CHECK(out.text == "# c\nA=1\n");
  CHECK(out.applied == 2);
  auto into_empty = apply_edits("", {insert(0, "X")});
  CHECK(into_empty.text == "X");
}

TEST_CASE("deletions", "[fix][apply]") {
  auto out = apply_edits("A=1 # x\n", {replace(3, 7, "")});
  CHECK(out.text == "A=1\n");
  CHECK(out.applied == 1);
}

TEST_CASE("edits out of range are skipped, the others still applied", "[fix][apply]") {
  std::string text = "abc";
  auto out = apply_edits(text, {replace(2, 4, "X"), insert(4, "Y"), replace(10, 12, "Z"),
                                replace(2, 1, "reversed"), replace(0, 1, "A"), insert(3, "!")});
  CHECK(out.text == "Abc!");
  CHECK(out.applied == 2);
  CHECK(out.skipped == 4);
}

TEST_CASE("a skipped out-of-range edit does not block a later valid one", "[fix][apply]") {
  // The invalid edit starts first; it must not count as taken.
  auto out = apply_edits("abc", {replace(1, 9, "X"), replace(2, 3, "C")});
  CHECK(out.text == "abC");
  CHECK(out.applied == 1);
  CHECK(out.skipped == 1);
}
