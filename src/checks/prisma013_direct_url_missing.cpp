// PRISMA013 direct-url-missing: when a fix moves a Prisma runtime URL to the pooler and the file
// has no direct (migrations) variable, offer to keep today's direct URL as DIRECT_URL, on the line
// after it. Prisma <= 6 reads it through `directUrl = env("DIRECT_URL")` in schema.prisma, Prisma 7
// through prisma.config.ts.
#include "checks/registry.hpp"

#include <algorithm>

namespace poolcheck::checks {
namespace {

std::string_view terminator_of(std::string_view text, byte_span line) {
  std::string_view bytes = line.of(text);
  if (bytes.size() >= 2 && bytes.substr(bytes.size() - 2) == "\r\n")
    return "\r\n";
  if (!bytes.empty() && (bytes.back() == '\n' || bytes.back() == '\r'))
    return bytes.substr(bytes.size() - 1);
  return "";
}

std::string_view ending_of(poolcheck::document const& doc) {
  switch (doc.dominant_ending) {
  case line_ending::crlf:
    return "\r\n";
  case line_ending::cr:
    return "\r";
  case line_ending::lf:
    return "\n";
  }
  return "\n";
}

// Whether the file reports a syntax issue in `span` (NUL or invalid UTF-8 bytes, a quote that
// does not close or has text after it): a fix that copied those bytes would repeat what is wrong.
// The byte order mark is the file's, not the value's.
bool holds_syntax_issue(poolcheck::document const& doc, byte_span span) {
  return std::any_of(doc.issues.begin(), doc.issues.end(), [&](syntax_issue const& i) {
    return i.kind != syntax_issue_kind::byte_order_mark && i.span.overlaps(span);
  });
}

} // namespace

void prisma013_direct_url_missing(engine::rule const& r, checked_document const& in,
                                  engine::url_facts const& f, engine::sink& out) {
  // The rule's `when` holds: a runtime URL Prisma reads, in serverless.
  if (!f.matched || (f.matched->pooled_host.empty() && !f.matched->pooled_port))
    return; // nothing moves this URL to a pooler
  if (in.has_direct_entry || in.doc.format != source_format::dotenv || !in.is_live(f.entry))
    return; // a lone value has no file to add a line to; an earlier assignment is read by no one
  if (!in.added_variables.insert("DIRECT_URL").second)
    return; // a fix already adds it after an earlier runtime URL
  std::string where = f.client.value == engine::client::prisma_adapter
                          ? "Prisma 7: set it as datasource.url in prisma.config.ts"
                          : "schema.prisma: directUrl = env(\"DIRECT_URL\")";
  byte_span const line = f.entry.line;
  if (holds_syntax_issue(in.doc, line)) {
    out.report(r, f.entry.key, f.entry.name, {{"where", where}}); // advice, no edit
    return;
  }
  std::string_view text = in.doc.text;
  std::string_view eol = terminator_of(text, line);
  std::string added;
  if (eol.empty())
    added += ending_of(in.doc); // the last line had no newline: the file still ends without one
  added += f.entry.exported ? "export DIRECT_URL=" : "DIRECT_URL=";
  added += f.entry.raw_value.of(text);
  added += eol;
  std::vector<edit> edits{{{line.end, line.end}, added}};
  out.report(r, f.entry.key, f.entry.name, {{"where", where}}, std::move(edits));
}

} // namespace poolcheck::checks
