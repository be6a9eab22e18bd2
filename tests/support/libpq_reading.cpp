// libpq's reading of connection strings, for the differential tests.
#include "support/libpq_reading.hpp"

#include <libpq-fe.h>

namespace poolcheck::test {

libpq_reading ask_libpq(std::string const& text) {
  libpq_reading out;
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(text.c_str(), &error);
  if (options == nullptr) {
    if (error != nullptr) {
      out.error = error;
      PQfreemem(error);
    }
    return out;
  }
  out.accepted = true;
  for (auto const* o = options; o->keyword != nullptr; ++o) {
    if (o->val != nullptr)
      out.stored[o->keyword] = o->val;
  }
  PQconninfoFree(options);
  return out;
}

values as_libpq_would_store(pg::conninfo const& ci) {
  values out;
  auto put_nonempty = [&](char const* key, std::string const& value) {
    if (!value.empty())
      out[key] = value;
  };
  if (ci.form == pg::form::url) {
    if (ci.user)
      put_nonempty("user", ci.user->decoded);
    if (ci.password)
      put_nonempty("password", ci.password->decoded);
    // libpq joins the host list and the port list with ',' (an item without ':' adds no port).
    std::string hosts;
    std::string ports;
    for (std::size_t i = 0; i < ci.hosts.size(); ++i) {
      if (i > 0) {
        hosts += ',';
        ports += ',';
      }
      hosts += ci.hosts[i].name;
      if (ci.hosts[i].port)
        ports += ci.hosts[i].port->decoded;
    }
    put_nonempty("host", hosts);
    put_nonempty("port", ports);
    if (ci.dbname)
      put_nonempty("dbname", ci.dbname->decoded);
  }
  for (auto const& p : ci.params) {
    // "Special keyword handling for improved JDBC compatibility" in conninfo_uri_parse_params.
    if (ci.form == pg::form::url && p.key == "ssl" && p.value == "true") {
      out["sslmode"] = "require";
      continue;
    }
    // conninfo_storeval: "requiressl=1 gets translated to sslmode=require".
    if (p.key == "requiressl") {
      out["sslmode"] = !p.value.empty() && p.value[0] == '1' ? "require" : "prefer";
      continue;
    }
    out[p.key] = p.value;
  }
  return out;
}

values keyword_conveniences(pg::conninfo const& ci) {
  values out;
  out["user"] = ci.user ? ci.user->decoded : "";
  out["password"] = ci.password ? ci.password->decoded : "";
  out["dbname"] = ci.dbname ? ci.dbname->decoded : "";
  std::string hosts;
  for (std::size_t i = 0; i < ci.hosts.size(); ++i)
    hosts += (i > 0 ? "," : "") + ci.hosts[i].name;
  out["host"] = hosts;
  return out;
}

values libpq_conveniences(values const& stored) {
  values out;
  for (char const* key : {"user", "password", "dbname", "host"}) {
    auto it = stored.find(key);
    out[key] = it == stored.end() ? "" : it->second;
  }
  return out;
}

} // namespace poolcheck::test
