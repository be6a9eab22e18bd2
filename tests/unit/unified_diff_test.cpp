// The diff matches `diff -u` output (headers aside): hunks, ranges, context, line endings.
// Every expected string was checked against GNU diff on the same inputs.
#include "fix/unified_diff.hpp"

#include <catch2/catch.hpp>

#include <string>

using poolcheck::fixes::unified_diff;

namespace {

/// "1\n2\n...\nN\n", with line `changed` (1-based, 0 for none) replaced by "X<number>".
std::string numbered(int count, int changed = 0, int changed_too = 0) {
  std::string out;
  for (int i = 1; i <= count; ++i) {
    bool is_changed = i == changed || i == changed_too;
    out += (is_changed ? "X" : "") + std::to_string(i) + "\n";
  }
  return out;
}

std::string const five = "A=1\nB=2\nC=3\nD=4\nE=5\n";

} // namespace

TEST_CASE("identical texts give an empty diff", "[fix][diff]") {
  CHECK(unified_diff("", "", ".env").empty());
  CHECK(unified_diff(five, five, ".env").empty());
}

TEST_CASE("one changed line in the middle gets three lines of context", "[fix][diff]") {
  CHECK(unified_diff(numbered(10), numbered(10, 5), ".env") == "--- a/.env\n"
                                                               "+++ b/.env\n"
                                                               "@@ -2,7 +2,7 @@\n"
                                                               " 2\n"
                                                               " 3\n"
                                                               " 4\n"
                                                               "-5\n"
                                                               "+X5\n"
                                                               " 6\n"
                                                               " 7\n"
                                                               " 8\n");
}

TEST_CASE("the name goes into both headers", "[fix][diff]") {
  auto diff = unified_diff("A=1\n", "A=2\n", "apps/web/.env.local");
  CHECK(diff == "--- a/apps/web/.env.local\n+++ b/apps/web/.env.local\n@@ -1 +1 @@\n-A=1\n+A=2\n");
}

TEST_CASE("lines added and removed at the start and the end", "[fix][diff]") {
  SECTION("added at the start") {
    CHECK(unified_diff(five, "NEW=0\n" + five, "f") ==
          "--- a/f\n+++ b/f\n@@ -1,3 +1,4 @@\n+NEW=0\n A=1\n B=2\n C=3\n");
  }
  SECTION("removed at the start") {
    CHECK(unified_diff(five, "B=2\nC=3\nD=4\nE=5\n", "f") ==
          "--- a/f\n+++ b/f\n@@ -1,4 +1,3 @@\n-A=1\n B=2\n C=3\n D=4\n");
  }
  SECTION("added at the end") {
    CHECK(unified_diff(five, five + "F=6\n", "f") ==
          "--- a/f\n+++ b/f\n@@ -3,3 +3,4 @@\n C=3\n D=4\n E=5\n+F=6\n");
  }
  SECTION("removed at the end") {
    CHECK(unified_diff(five, "A=1\nB=2\nC=3\nD=4\n", "f") ==
          "--- a/f\n+++ b/f\n@@ -2,4 +2,3 @@\n B=2\n C=3\n D=4\n-E=5\n");
  }
}

TEST_CASE("an empty side is named by the line before it", "[fix][diff]") {
  CHECK(unified_diff("", "A=1\n", "f") == "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+A=1\n");
  CHECK(unified_diff("A=1\nB=2\n", "", "f") == "--- a/f\n+++ b/f\n@@ -1,2 +0,0 @@\n-A=1\n-B=2\n");
}

TEST_CASE("a missing final newline is marked on whichever side lacks it", "[fix][diff]") {
  SECTION("before lacks it: adding the newline changes the last line") {
    CHECK(unified_diff("A=1\nB=2", "A=1\nB=2\n", "f") == "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n"
                                                         " A=1\n"
                                                         "-B=2\n"
                                                         "\\ No newline at end of file\n"
                                                         "+B=2\n");
  }
  SECTION("after lacks it") {
    CHECK(unified_diff("A=1\nB=2\n", "A=1\nB=3", "f") == "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n"
                                                         " A=1\n"
                                                         "-B=2\n"
                                                         "+B=3\n"
                                                         "\\ No newline at end of file\n");
  }
  SECTION("both lack it and the last line is unchanged context") {
    CHECK(unified_diff("A=1\nB=2", "A=0\nB=2", "f") == "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n"
                                                       "-A=1\n"
                                                       "+A=0\n"
                                                       " B=2\n"
                                                       "\\ No newline at end of file\n");
  }
  SECTION("both lack it and the last line changes") {
    CHECK(unified_diff("A=1", "A=2", "f") == "--- a/f\n+++ b/f\n@@ -1 +1 @@\n"
                                             "-A=1\n"
                                             "\\ No newline at end of file\n"
                                             "+A=2\n"
                                             "\\ No newline at end of file\n");
  }
}

TEST_CASE("CRLF line endings are kept in the diff", "[fix][diff]") {
  CHECK(unified_diff("A=1\r\nB=2\r\nC=3\r\n", "A=1\r\nB=9\r\nC=3\r\n", "f") ==
        "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n A=1\r\n-B=2\r\n+B=9\r\n C=3\r\n");
  // Only the line ending changes: the lines differ.
  CHECK(unified_diff("A=1\r\nB=2\r\n", "A=1\r\nB=2\n", "f") ==
        "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n A=1\r\n-B=2\r\n+B=2\n");
}

TEST_CASE("changes close together share a hunk, far apart get their own", "[fix][diff]") {
  SECTION("six unchanged lines between: the contexts touch, one hunk") {
    CHECK(unified_diff(numbered(20), numbered(20, 3, 10), "f") ==
          "--- a/f\n+++ b/f\n@@ -1,13 +1,13 @@\n"
          " 1\n 2\n-3\n+X3\n 4\n 5\n 6\n 7\n 8\n 9\n-10\n+X10\n 11\n 12\n 13\n");
  }
  SECTION("seven unchanged lines between: two hunks") {
    CHECK(unified_diff(numbered(20), numbered(20, 3, 11), "f") ==
          "--- a/f\n+++ b/f\n"
          "@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+X3\n 4\n 5\n 6\n"
          "@@ -8,7 +8,7 @@\n 8\n 9\n 10\n-11\n+X11\n 12\n 13\n 14\n");
  }
  SECTION("far apart") {
    CHECK(unified_diff(numbered(20), numbered(20, 3, 17), "f") ==
          "--- a/f\n+++ b/f\n"
          "@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+X3\n 4\n 5\n 6\n"
          "@@ -14,7 +14,7 @@\n 14\n 15\n 16\n-17\n+X17\n 18\n 19\n 20\n");
  }
}

TEST_CASE("removals are listed before additions within a change", "[fix][diff]") {
  CHECK(unified_diff("A=1\nB=2\nC=3\nD=4\n", "A=1\nX=1\nY=2\nD=4\n", "f") ==
        "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n A=1\n-B=2\n-C=3\n+X=1\n+Y=2\n D=4\n");
}

TEST_CASE("a few changes in a 100,000-line file", "[fix][diff]") {
  auto before = numbered(100000);
  auto after = numbered(100000, 50000, 100000);
  CHECK(unified_diff(before, after, "f") ==
        "--- a/f\n+++ b/f\n"
        "@@ -49997,7 +49997,7 @@\n 49997\n 49998\n 49999\n-50000\n+X50000\n 50001\n 50002\n 50003\n"
        "@@ -99997,4 +99997,4 @@\n 99997\n 99998\n 99999\n-100000\n+X100000\n");
  // Changes at both ends leave no common prefix or suffix to trim.
  auto both_ends = numbered(100000, 1, 100000);
  CHECK(unified_diff(before, both_ends, "f") ==
        "--- a/f\n+++ b/f\n"
        "@@ -1,4 +1,4 @@\n-1\n+X1\n 2\n 3\n 4\n"
        "@@ -99997,4 +99997,4 @@\n 99997\n 99998\n 99999\n-100000\n+X100000\n");
}

TEST_CASE("a rewritten file is all removals then additions", "[fix][diff]") {
  CHECK(unified_diff("A=1\nB=2\n", "C=3\nD=4\nE=5\n", "f") ==
        "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n-A=1\n-B=2\n+C=3\n+D=4\n+E=5\n");
}

TEST_CASE("repeated lines still give a minimal diff", "[fix][diff]") {
  CHECK(unified_diff("a\nb\na\nb\na\n", "a\na\nb\na\n", "f") ==
        "--- a/f\n+++ b/f\n@@ -1,5 +1,4 @@\n a\n-b\n a\n b\n a\n");
}

TEST_CASE("hidden lines are printed masked, their line endings kept", "[fix][diff]") {
  // Before: line 2 is hidden (a secret's second line); after: line 4 as well.
  std::string const before = "K=\"a\nsecret1\"\nA=1\nB=2\n";
  std::string const after = "K=\"a\nsecret1\"\nA=9\nsecret2\r\nB=2\n";
  std::vector<poolcheck::byte_span> const hidden_before{
      {before.find("secret1"), before.find("A=")}};
  std::vector<poolcheck::byte_span> const hidden_after{{after.find("secret1"), after.find("A=")},
                                                       {after.find("secret2"), after.find("B=")}};
  CHECK(unified_diff(before, after, "f", {hidden_before, hidden_after}) ==
        "--- a/f\n+++ b/f\n@@ -1,4 +1,5 @@\n K=\"a\n ****\n-A=1\n+A=9\n+****\r\n B=2\n");
  // Without spans, nothing is masked.
  CHECK(unified_diff(before, after, "f").find("secret2") != std::string::npos);
}
