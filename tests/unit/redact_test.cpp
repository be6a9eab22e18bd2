// The masker finds passwords in well-formed and malformed URLs, keyword strings and secret
// assignments, and maps offsets so carets stay under the right text.
#include "core/redact.hpp"

#include <catch2/catch.hpp>

using poolcheck::redactor;

TEST_CASE("passwords in URLs are masked, malformed ones too", "[redact]") {
  redactor r;
  CHECK(r("postgres://app:hunter22@h/db") == "postgres://app:****@h/db");
  CHECK(r("postgres://app:p@ss@host/db") == "postgres://app:****@host/db");
  CHECK(r("postgres://app:pa#ss/x@host/db") == "postgres://app:****@host/db");
  CHECK(r("DATABASE_URL=\"postgresql://u:s3cret@h/db\" # c") ==
        "DATABASE_URL=\"postgresql://u:****@h/db\" # c");
  CHECK(r("postgres://app@h/db") == "postgres://app@h/db");
  CHECK(r("https://example.com/a:b") == "https://example.com/a:b");
}

TEST_CASE("keyword passwords and secret assignments are masked", "[redact]") {
  redactor r;
  CHECK(r("host=h password=s3cret dbname=d") == "host=h password=**** dbname=d");
  CHECK(r("host=h password='s 3' dbname=d") == "host=h password='****' dbname=d");
  CHECK(r("POSTGRES_PASSWORD=hunter2") == "POSTGRES_PASSWORD=****");
}

TEST_CASE("known secrets are masked anywhere; offsets map", "[redact]") {
  redactor r;
  std::string_view const found = "correct-horse ab";
  std::vector<poolcheck::byte_span> const spans{{0, 13}, {14, 16}};
  r.add_secrets(found, spans); // "ab" is too short to mask by content
  CHECK(r("the password correct-horse leaked") == "the password **** leaked");
  CHECK(r("ab") == "ab");
  auto out = r.apply("X=postgres://u:longpassword@h/db");
  CHECK(out.text == "X=postgres://u:****@h/db");
  CHECK(out.map(2) == 2);
  CHECK(out.map(17) == 15);     // inside the password: start of the mask
  CHECK(out.map(27) == 15 + 4); // the '@' after it
  redactor off(false);
  CHECK(off("postgres://u:pw@h") == "postgres://u:pw@h");
}
