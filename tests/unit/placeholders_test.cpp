// Placeholders: template values from real `.env.example` files and provider docs are recognised,
// real-shaped values (`db.example.com`, `localhost`, `johndoe`) are not.
#include "engine/placeholders.hpp"
#include "pg/conninfo.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace poolcheck::test {
namespace {

using engine::is_placeholder_host;
using engine::part;

/// The placeholder texts of connection string `url`.
std::vector<std::string> found(std::string_view url, bool template_file = false) {
  std::vector<std::string> out;
  for (byte_span s : engine::placeholders_in(pg::parse(url), url, template_file))
    out.emplace_back(s.of(url));
  return out;
}

bool is_placeholder(std::string_view text, part p, bool template_file = false) {
  return !engine::placeholders_in(text, p, template_file).empty();
}

} // namespace

TEST_CASE("template lines from provider docs and starters", "[placeholders]") {
  using v = std::vector<std::string>;
  // Prisma's docs.
  CHECK(found("postgresql://USER:PASSWORD@HOST:PORT/DATABASE?schema=SCHEMA") ==
        v{"USER", "PASSWORD", "HOST", "PORT", "DATABASE", "SCHEMA"});
  // Neon's docs.
  CHECK(found("postgresql://[user]:[password]@[neon_hostname]/[dbname]?sslmode=require") ==
        v{"[user]", "[password]", "[neon_hostname]", "[dbname]"});
  CHECK(found("postgresql://neondb_owner:****@ep-...-pooler.c-3.us-east-1.aws.neon.tech/neondb") ==
        v{"****", "ep-...-pooler.c-3.us-east-1.aws.neon.tech"});
  CHECK(found("postgresql://user:password@ep-xxx.us-east-1.aws.neon.tech/neondb") ==
        v{"ep-xxx.us-east-1.aws.neon.tech"});
  // Supabase's dashboard.
  CHECK(found("postgresql://postgres.[YOUR-PROJECT-REF]:[YOUR-PASSWORD]@aws-0-[REGION].pooler."
              "supabase.com:6543/postgres?pgbouncer=true") ==
        v{"[YOUR-PROJECT-REF]", "[YOUR-PASSWORD]", "aws-0-[REGION].pooler.supabase.com"});
  CHECK(found("postgresql://postgres:[YOUR-PASSWORD]@db.[YOUR-PROJECT-REF].supabase.co:5432/"
              "postgres") == v{"[YOUR-PASSWORD]", "db.[YOUR-PROJECT-REF].supabase.co"});
  // Shell, mustache and angle-bracket templates; `your-...` and `changeme`.
  CHECK(found("postgresql://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:${DB_PORT}/${DB_NAME}").size() ==
        5);
  CHECK(found("postgresql://{{user}}:{{password}}@{{host}}:{{port}}/{{db}}").size() == 5);
  CHECK(found("postgresql://<user>:<password>@<host>:5432/<db>").size() == 4);
  CHECK(found("postgres://your-user:your_password@db.example.com/app") ==
        v{"your-user", "your_password"});
  CHECK(found("postgres://app:changeme@db.example.com/app") == v{"changeme"});
  CHECK(found("postgres://app:change-me@db.example.com/app") == v{"change-me"});
  CHECK(found("postgresql://postgres:password@db.xxxxxxxxxxxxxxxxxxxx.supabase.co:5432/postgres") ==
        v{"db.xxxxxxxxxxxxxxxxxxxx.supabase.co"});
  CHECK(found("postgresql://user:pass@ep-\xE2\x80\xA6.us-east-2.aws.neon.tech/db") ==
        v{"ep-\xE2\x80\xA6.us-east-2.aws.neon.tech"});
  // Keyword form.
  CHECK(found("host=HOST port=PORT user=USER dbname=DB_NAME") ==
        v{"HOST", "PORT", "USER", "DB_NAME"});
}

TEST_CASE("real-shaped values are not placeholders", "[placeholders]") {
  // Prisma's and create-t3-app's examples, Neon's docs example: values that would connect.
  CHECK(found("postgresql://johndoe:randompassword@localhost:5432/mydb?schema=public").empty());
  CHECK(found("postgresql://postgres:password@localhost:5432/my-app").empty());
  CHECK(found("postgresql://alex:AbC123dEf@ep-cool-darkness-123456.us-east-2.aws.neon.tech/"
              "dbname?sslmode=require")
            .empty());
  CHECK(found("postgres://app@db.example.com:5432/app").empty());
  CHECK(found("postgres://app@[::1]:5432/app").empty());
  CHECK(found("postgres://app@[2001:db8::1]:5432/app").empty());
  CHECK(found("postgres://user:password@db:5432/app").empty()); // a compose service
  // A `%` mistake inside real text stays a mistake.
  CHECK(found("postgres://app:100%SURE@db.example.com/app").empty());
  CHECK(found("postgres://app:p%ab%20x@db.example.com/app").empty());
  CHECK(found("postgresql://%USER%:%PASSWORD%@localhost/app").empty()); // libpq refuses it
  CHECK_FALSE(is_placeholder_host("DB.EXAMPLE.COM", false));            // capitals, but a real host
  CHECK_FALSE(is_placeholder_host("aws-0-us-east-1.pooler.supabase.com", false));
  CHECK_FALSE(is_placeholder_host("example.com", true));
  CHECK_FALSE(is_placeholder_host("db", true));
}

TEST_CASE("hosts with a placeholder or an empty label", "[placeholders]") {
  CHECK(is_placeholder_host("ep-..-pooler.us-east-1.aws.neon.tech", false));
  CHECK(is_placeholder_host("a..b", false));
  CHECK(is_placeholder_host(".neon.tech", false));
  CHECK(is_placeholder_host("HOST", false));
  CHECK(is_placeholder_host("DB_HOST.EXAMPLE.COM", false));
  CHECK(is_placeholder_host("ep-ENDPOINT.us-east-2.aws.neon.tech", false));
  CHECK(is_placeholder_host("ep-XXXXXXXX-pooler.us-east-2.aws.neon.tech", false));
  CHECK(is_placeholder_host("host", true)); // only in a template
  CHECK_FALSE(is_placeholder_host("host", false));
  CHECK(is_placeholder_host("db.ref.supabase.co", true));
}

TEST_CASE("template files widen placeholders to generic words", "[placeholders]") {
  CHECK(is_placeholder("port", part::port, true));
  CHECK(is_placeholder("5432x", part::port, true));
  CHECK_FALSE(is_placeholder("5432", part::port, true));
  CHECK_FALSE(is_placeholder("port", part::port, false));
  CHECK(is_placeholder("PORT", part::port, false));
  CHECK(is_placeholder("password", part::password, true));
  CHECK_FALSE(is_placeholder("password", part::password, false));
  CHECK_FALSE(is_placeholder("postgres", part::user, true));
  CHECK_FALSE(is_placeholder("neondb", part::dbname, true));
  CHECK(found("postgres://user:pass@host:port/db", true) ==
        std::vector<std::string>{"user", "pass", "host", "port", "db"});
}

TEST_CASE("template file names", "[placeholders]") {
  for (auto name : {".env.example", ".env.sample", ".env.template", ".env-template", "env.example",
                    "example.env", ".env.dist", "apps/web/.env.local.example", ".ENV.EXAMPLE",
                    "C:\\app\\.env.example", ".dev.vars.example"})
    CHECK(engine::is_template_file_name(name));
  for (auto name : {".env", ".env.local", ".env.production", "prod.env", "examples/.env", "env",
                    "example.txt", ".dev.vars", ".dev.vars.staging"})
    CHECK_FALSE(engine::is_template_file_name(name));
}

} // namespace poolcheck::test
