// Host patterns: label templates, captures, multi-label captures, linear behaviour.
#include "engine/host_pattern.hpp"

#include <catch2/catch.hpp>

using poolcheck::engine::host_pattern;

TEST_CASE("host patterns match labels and capture", "[host_pattern]") {
  auto p = host_pattern::compile("{endpoint}-pooler.{rest*}.neon.tech");
  REQUIRE(p);
  auto m = p->match("ep-cool-darkness-a1b2c3d4-pooler.c-2.us-east-2.aws.neon.tech");
  REQUIRE(m);
  CHECK(m->at("endpoint") == "ep-cool-darkness-a1b2c3d4");
  CHECK(m->at("rest") == "c-2.us-east-2.aws");
  CHECK_FALSE(p->match("ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech"));
  CHECK_FALSE(p->match("-pooler.us-east-2.aws.neon.tech"));
  CHECK_FALSE(p->match("ep-x-pooler.neon.tech")); // {rest*} needs at least one label
  CHECK(p->match("EP-X-POOLER.US-EAST-2.AWS.NEON.TECH."));
}

TEST_CASE("captures inside one label split at literals", "[host_pattern]") {
  auto p = host_pattern::compile("aws-{shard}-{region}.pooler.supabase.com");
  REQUIRE(p);
  auto m = p->match("aws-1-us-east-2.pooler.supabase.com");
  REQUIRE(m);
  CHECK(m->at("shard") == "1");
  CHECK(m->at("region") == "us-east-2");
  CHECK_FALSE(p->match("gcp-1-us-east-2.pooler.supabase.com"));
  CHECK_FALSE(p->match("aws-1-us-east-2.pooler.supabase.co"));
}

TEST_CASE("wildcards and exact hosts", "[host_pattern]") {
  auto p = host_pattern::compile("*.cloud.neon.tech");
  REQUIRE(p);
  CHECK(p->match("dawn-lake-123456.cloud.neon.tech"));
  CHECK_FALSE(p->match("a.b.cloud.neon.tech"));
  auto exact = host_pattern::compile("db.prisma.io");
  REQUIRE(exact);
  CHECK(exact->match("db.prisma.io"));
  CHECK(exact->match("DB.Prisma.IO."));
  CHECK_FALSE(exact->match("pooled.db.prisma.io"));
  CHECK_FALSE(exact->match("xdb.prisma.io")); // ends with the text, but not at a label's start
  CHECK_FALSE(p->match("dawn-lake-123456xcloud.neon.tech"));
  CHECK_FALSE(p->match(".cloud.neon.tech"));
}

TEST_CASE("malformed patterns are rejected", "[host_pattern]") {
  CHECK_FALSE(host_pattern::compile(""));
  CHECK_FALSE(host_pattern::compile("a..b"));
  CHECK_FALSE(host_pattern::compile("{a}{b}.x"));
  CHECK_FALSE(host_pattern::compile("{a*}.{b*}.x"));
  CHECK_FALSE(host_pattern::compile("{unclosed.x"));
}

TEST_CASE("matching a long hostile host stays fast", "[host_pattern]") {
  auto p = host_pattern::compile("{a}-{b}-{c}x.{rest*}.example.com");
  REQUIRE(p);
  std::string host(100000, '-');
  host += ".y.example.com";
  CHECK_FALSE(p->match(host)); // linear scan: no exponential backtracking
}
