// Bad input never crashes poolcheck: each case ends in findings or exit 2 with a clear message,
// with bounded output and memory.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace poolcheck::test {
namespace {

namespace fs = std::filesystem;

long peak_child_rss_mb() {
  rusage u{};
  ::getrusage(RUSAGE_CHILDREN, &u);
  return u.ru_maxrss / 1024;
}

/// Sets POOLCHECK_FAULT for the runs in its scope; unset even if a run throws, so that later tests
/// do not inherit it.
struct scoped_fault {
  explicit scoped_fault(char const* step) { ::setenv("POOLCHECK_FAULT", step, 1); }

  ~scoped_fault() { ::unsetenv("POOLCHECK_FAULT"); }

  scoped_fault(scoped_fault const&) = delete;
  scoped_fault& operator=(scoped_fault const&) = delete;
};

} // namespace

TEST_CASE("binary, invalid UTF-8 and NUL bytes become findings, bounded", "[bad-input]") {
  temp_dir s;
  std::string binary;
  for (int i = 0; i < 200000; ++i)
    binary += static_cast<char>((i * 7919) % 256);
  auto r = run_poolcheck({"check", "--format", "json", s.write("binary.env", binary)});
  CHECK(r.exit_code == 1);
  CHECK(r.err.empty());
  CHECK(r.out.size() < 1'000'000); // findings are capped per kind, lines are shown in windows
  auto human = run_poolcheck({"check", s.write("binary2.env", binary)});
  CHECK(human.out.size() < 1'000'000);
  CHECK(run_poolcheck({"check", s.write("latin1.env", "A=caf\xE9\n")}).out.find("ENV005") !=
        std::string::npos);
  CHECK(
      run_poolcheck({"check", s.write("nul.env", std::string("A=a\0b\n", 6))}).out.find("ENV004") !=
      std::string::npos);
}

TEST_CASE("huge inputs: a 100 MB line, a million lines, a deep multi-line value", "[bad-input]") {
  temp_dir s;
  std::string line = "DATABASE_URL=\"postgresql://u:pw@h/db?application_name=";
  line.append(100 * 1024 * 1024, 'x');
  line += "\"\n";
  auto big = s.write("line.env", line);
  line.clear();
  line.shrink_to_fit();
  auto r = run_poolcheck({"check", "--target", "server", big});
  CHECK(r.exit_code == 0);
  // The file, its logical value and the program; AddressSanitizer's quarantine keeps up to
  // 256 MB of freed memory on top.
  long limit_mb = 3 * 100 + 150;
#if defined(__SANITIZE_ADDRESS__)
  limit_mb += 256;
#endif
  CHECK(peak_child_rss_mb() < limit_mb);

  std::string many;
  for (int i = 0; i < 1'000'000; ++i)
    many += "KEY_" + std::to_string(i) + "=value\n";
  CHECK(run_poolcheck({"check", s.write("many.env", many)}).exit_code == 0);

  std::string deep = "A=\"";
  for (int i = 0; i < 200000; ++i)
    deep += "line " + std::to_string(i) + "\n";
  deep += "\"\nB=\"unterminated at EOF";
  auto d = run_poolcheck({"check", s.write("deep.env", deep)});
  CHECK(d.exit_code == 1);
  CHECK(d.out.find("ENV002") != std::string::npos);
}

TEST_CASE("things that are not readable .env files: exit 2 with the reason", "[bad-input]") {
  temp_dir s;
  fs::create_directories(s.path / "folder" / ".env");
  auto dir_env = (s.path / "folder" / ".env").string();
  // A folder is searched, even one named .env; a check that finds nothing to check fails, unless
  // that is what was asked for.
  auto r = run_poolcheck({"check", dir_env});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no .env or deployment files found") != std::string::npos);
  CHECK(r.err.find("--allow-empty") != std::string::npos);
  CHECK(run_poolcheck({"check", "--allow-empty", (s.path / "folder").string()}).exit_code == 0);
  auto as_stdin_name = run_poolcheck({"check", "--stdin-filename", dir_env, "-"}, "A=1\n");
  CHECK(as_stdin_name.exit_code == 0);

  fs::create_symlink(s.path / "loop_b.env", s.path / "loop_a.env");
  fs::create_symlink(s.path / "loop_a.env", s.path / "loop_b.env");
  auto loop = run_poolcheck({"check", (s.path / "loop_a.env").string()});
  CHECK(loop.exit_code == 2);
  CHECK_FALSE(loop.err.empty());

  auto fifo = (s.path / "pipe.env").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto f = run_poolcheck({"check", fifo}); // must not block waiting for a writer
  CHECK(f.exit_code == 2);
  CHECK(f.err.find("not a regular file") != std::string::npos);

  auto missing = run_poolcheck({"check", (s.path / "nope.env").string()});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("no such file") != std::string::npos);

  auto locked = s.write("locked.env", "A=1\n");
  ::chmod(locked.c_str(), 0);
  auto l = run_poolcheck_unprivileged(s.path, {"check", locked});
  CHECK(l.exit_code == 2);
  CHECK(l.err.find("cannot be read") != std::string::npos);
}

TEST_CASE("malformed URLs and placeholders never crash and never leak", "[bad-input]") {
  temp_dir s;
  std::string text;
  for (auto url : {"postgres://",
                   "postgres://:@",
                   "postgres://@@@@",
                   "postgres://[",
                   "postgres://[::1",
                   "postgres://u:Sk1pMeNot@[::1]x/db",
                   "postgres://h:/db",
                   "postgres://h:-1/db",
                   "postgres://h:99999999999999999999/db",
                   "postgres://%",
                   "postgres://%zz@h",
                   "postgres://u:Sk1pMeNot@h/db?&&&=&==",
                   "postgres://u:Sk1pMeNot@h/db???",
                   "host='unterminated",
                   "host= port= dbname=",
                   "postgresql+://",
                   "POSTGRES://U:Sk1pMeNot@H",
                   "postgres://${USER}:${PASS}@${HOST}:${PORT}/${DB}",
                   "postgres://<user>:<pass>@<host>/<db>",
                   "postgres://u:Sk1pMeNot@h,h2:x,/db"})
    text += std::string("URL_") + std::to_string(text.size()) + "=\"" + url + "\"\n";
  auto path = s.write("malformed.env", text);
  for (std::string format : {"human", "json", "sarif", "github"}) {
    auto r = run_poolcheck({"check", "--format", format, path});
    INFO(format << "\n" << r.out << r.err);
    CHECK((r.exit_code == 0 || r.exit_code == 1));
    CHECK(r.out.find("Sk1pMeNot") == std::string::npos);
    CHECK(r.err.find("Sk1pMeNot") == std::string::npos);
  }
  auto diff = run_poolcheck({"check", "--diff", "--unsafe-fixes", path});
  CHECK(diff.out.find("Sk1pMeNot") == std::string::npos);
  CHECK(diff.err.find("Sk1pMeNot") == std::string::npos);
}

TEST_CASE("a password longer than the shown part of its line stays masked", "[bad-input]") {
  // Human output shows a window of a long line around each finding; here the window's edge cuts
  // the password: after it for ENV103 (at the key), before it for URL004 (at the port).
  temp_dir s;
  std::string const secret = "Sk1p" + std::string(6000, 'q') + "MeNot";
  auto path = s.write("long.env", "DATABASE_URL=postgres://app:" + secret +
                                      "@db.example.com:99999/app\n"
                                      "DATABASE_URL=postgres://app@db.example.com/app\n");
  for (std::string format : {"human", "json", "sarif", "github"}) {
    auto r = run_poolcheck({"check", "--format", format, path});
    INFO(format);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("qqqq") == std::string::npos);
  }
}

TEST_CASE("a secret that starts far before a finding on its line stays masked", "[bad-input]") {
  // The masker must see where each secret starts (a `password=`, a secret-looking key) even when
  // the finding lies thousands of bytes further along the line.
  temp_dir s;
  std::string const filler(6000, 'Q');
  auto path = s.write(
      "far.env",
      "DATABASE_URL=postgresql://app@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech/neondb"
      "?password=Sk1pMeNot" +
          filler + "&x=" + filler +
          "&pgbouncer=true\n"
          "DB_SECRET_URL=postgresql://app@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech/neondb"
          "?application_name=Sk1pMeNot" +
          filler + "&pgbouncer=true\n");
  for (std::string format : {"human", "json", "sarif", "github"}) {
    auto r = run_poolcheck({"check", "--format", format, path});
    INFO(format << "\n" << r.out);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("Sk1p") == std::string::npos);
    CHECK(r.out.find("QQQQ") == std::string::npos);
  }
}

TEST_CASE("a finding on a later line of a multi-line value shows that line masked", "[bad-input]") {
  // No masker can tell what such a line holds: the key that says so is on an earlier line.
  temp_dir s;
  auto path = s.write("multi.env", "DB_PASSWORD=\"first\nSk1pMeNot\xffmore\"\n"
                                   "PRIVATE_KEY='-----BEGIN KEY-----\nSk1pAgain\x01\n-----END'\n"
                                   "TOKEN=\"a\nSk1pThird\"text after\n");
  for (std::string format : {"human", "json", "sarif", "github"}) {
    auto r = run_poolcheck({"check", "--format", format, path});
    INFO(format << "\n" << r.out);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("Sk1p") == std::string::npos);
  }
}

TEST_CASE("a diff shows a multi-line secret's later lines masked in its context", "[bad-input]") {
  temp_dir s;
  auto path =
      s.write("context.env",
              "PRIVATE_KEY=\"-----BEGIN KEY-----\nSk1pKeyBody\n-----END KEY-----\"\n"
              "DATABASE_URL=postgresql://app@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech"
              "/neondb?sslmode=require\n");
  auto r = run_poolcheck({"check", "--target", "serverless", "--diff", path});
  INFO(r.out);
  CHECK(r.out.find("-pooler") != std::string::npos); // the fix is shown
  CHECK(r.out.find("Sk1p") == std::string::npos);
  CHECK(r.out.find(" ****\n") != std::string::npos);
}

TEST_CASE("findings on a long line give output of bounded size in every format", "[bad-input]") {
  // Each finding shows a window of its line, in SARIF's snippet too: not the whole line.
  temp_dir s;
  std::string line =
      "DATABASE_URL=postgres://app:Sk1pMeNot@db.example.com:99999/app?connection_limit=1 ";
  line.append(5 * 1024 * 1024, 'x');
  auto path = s.write("line.env", line + "\n");
  for (std::string format : {"human", "json", "sarif", "github"}) {
    auto r = run_poolcheck({"check", "--format", format, path});
    INFO(format);
    CHECK(r.exit_code == 1);
    CHECK(r.out.size() < 256 * 1024);
    CHECK(r.out.find("Sk1pMeNot") == std::string::npos);
  }
}

TEST_CASE("SARIF counts columns in code points far along a long line", "[bad-input]") {
  // Columns are counted with a mark every 4 KiB of the line: the count must not drift past one.
  temp_dir s;
  std::string const head = "DATABASE_URL=postgres://app@db.example.com/app?application_name=";
  std::string line = head;
  for (int i = 0; i < 3000; ++i)
    line += "\xC3\xA9"; // é: two bytes, one code point
  auto path = s.write("wide.env", line + "%zz\n");
  auto r = run_poolcheck({"check", "--format", "sarif", path});
  INFO(r.out.substr(0, 2000));
  CHECK(r.out.find("\"startColumn\": " + std::to_string(head.size() + 3000 + 1)) !=
        std::string::npos);
}

TEST_CASE("a file that cannot be checked is named, and the others still are", "[bad-input]") {
  // Forty files: several threads check them, and an exception must not end the process unsaid.
  temp_dir s;
  for (int i = 0; i < 40; ++i)
    s.write("f" + std::to_string(i) + "/.env", "DATABASE_URL=postgres://app@db.example.com/app\n");
  run_result r;
  {
    scoped_fault const fault("check-out-of-memory");
    r = run_poolcheck({"check", "."}, "", s.path);
  }
  INFO(r.err);
  CHECK(r.exit_code == 2);
  std::size_t named = 0;
  for (auto at = r.err.find(": not enough memory to check it"); at != std::string::npos;
       at = r.err.find(": not enough memory to check it", at + 1))
    ++named;
  CHECK(named == 40);
  CHECK(r.err.find("f7/.env: not enough memory") != std::string::npos);
}

} // namespace poolcheck::test

namespace poolcheck::test {
namespace {

/// Runs `shell_command` (poolcheck is `$P`) under /bin/sh; its exit status and stderr.
run_result run_shell(std::string const& shell_command, temp_dir const& s) {
  std::string const err = (s.path / "shell.err").string();
  std::string const cmd = "P=" + shell_quote(POOLCHECK_BINARY) + "; cd " +
                          shell_quote(s.path.string()) + " && { " + shell_command + "; } 2>" +
                          shell_quote(err);
  int status = std::system(("sh -c " + shell_quote(cmd)).c_str());
  run_result r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = read_file(err);
  return r;
}

} // namespace

TEST_CASE("stdin that is closed or a folder is an error, not empty input", "[bad-input]") {
  temp_dir s;
  auto closed = run_shell("\"$P\" check --no-config - <&-", s);
  CHECK(closed.exit_code == 2);
  CHECK(closed.err.find("<stdin>: cannot be read") != std::string::npos);
  auto folder = run_shell("\"$P\" check --no-config - < .", s);
  CHECK(folder.exit_code == 2);
  CHECK(folder.err.find("<stdin>: is a folder") != std::string::npos);
  // --fix - prints the fixed file on stdout: nothing at all when there is no file.
  auto fix = run_shell("\"$P\" check --no-config --fix - <&- > fixed.env", s);
  CHECK(fix.exit_code == 2);
  CHECK(read_file(s.path / "fixed.env").empty());
}

TEST_CASE("output that cannot be written exits 2", "[bad-input]") {
  temp_dir s;
  s.write(".env", "DATABASE_URL=POSTGRESQL://app@db.example.com/app\n");
  auto full = run_shell("\"$P\" check --no-config --format sarif .env > /dev/full", s);
  CHECK(full.exit_code == 2);
  CHECK(full.err.find("could not be written") != std::string::npos);
  // The recipe README shows: a write that fails must not pass for a fixed file.
  auto limited = run_shell(
      "(ulimit -f 0; \"$P\" check --no-config --fix --exit-zero - < .env > new.env) && mv new.env "
      ".env",
      s);
  CHECK(limited.exit_code != 0);
  CHECK(read_file(s.path / ".env") == "DATABASE_URL=POSTGRESQL://app@db.example.com/app\n");
}

TEST_CASE("what a walk cannot read is said, and a permission error is one", "[bad-input]") {
  temp_dir s;
  s.write("app/.env", "PORT=3000\n");
  s.write("app/locked/.env", "DATABASE_URL=POSTGRESQL://app@db.example.com/app\n");
  ::chmod((s.path / "app" / "locked").c_str(), 0);
  REQUIRE(::mkfifo((s.path / "app" / ".env.pipe").c_str(), 0600) == 0);
  auto walk = run_poolcheck_unprivileged(s.path, {"check", "--no-config", "app"}, "", s.path);
  CHECK(walk.exit_code == 2);
  CHECK(walk.err.find("app/locked: cannot be read") != std::string::npos);
  CHECK(walk.err.find(".env.pipe: not a regular file") != std::string::npos);
  auto named =
      run_poolcheck_unprivileged(s.path, {"check", "--no-config", "app/locked/.env"}, "", s.path);
  CHECK(named.exit_code == 2);
  CHECK(named.err.find("Permission denied") != std::string::npos);
  fs::create_symlink("loop_b.env", s.path / "loop_a.env");
  fs::create_symlink("loop_a.env", s.path / "loop_b.env");
  auto loop = run_poolcheck({"check", "--no-config", "loop_a.env"}, "", s.path);
  CHECK(loop.err.find("symbolic links") != std::string::npos);
  ::chmod((s.path / "app" / "locked").c_str(), 0755);
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("JSON and SARIF of many findings are written as they go, in bounded memory",
          "[bad-input]") {
  // 5,000 lines, 25,000 findings, about 25 MB of SARIF: the document is never built whole.
  // Peak memory is poolcheck's own, as /usr/bin/time reads it (a child forked from this test
  // would count the test's pages too).
  temp_dir s;
  std::string text;
  for (int i = 0; i < 5000; ++i)
    text += "DATABASE_URL_" + std::to_string(i) + "=POSTGRESQL://app:pw" + std::to_string(i) +
            "@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech/neondb\n";
  s.write("many.env", text);
#if defined(__SANITIZE_ADDRESS__)
  // Freed memory waits in AddressSanitizer's quarantine: without it, peaks compare.
  std::string const run = "ASAN_OPTIONS=\"$ASAN_OPTIONS:quarantine_size_mb=0\" ";
  long const limit_kb = 160 * 1024;
#else
  std::string const run;
  long const limit_kb = 48 * 1024;
#endif
  for (std::string format : {"sarif", "json"}) {
    auto r = run_shell(run + "/usr/bin/time -f %M -o peak.txt \"$P\" check --no-config --format " +
                           format + " many.env > out.txt",
                       s);
    CHECK(r.exit_code == 1);
    CHECK(fs::file_size(s.path / "out.txt") > 10'000'000);
    // GNU time writes "Command exited with non-zero status 1" first: the figure is the last line.
    std::string const peak = read_file(s.path / "peak.txt");
    std::size_t const last = peak.find_last_not_of('\n');
    REQUIRE(last != std::string::npos);
    CHECK(std::stol(peak.substr(peak.rfind('\n', last) + 1)) < limit_kb);
  }
}

TEST_CASE("a YAML file that is not UTF-8 is not checked, and says where", "[bad-input]") {
  temp_dir s;
  // Bytes that are not UTF-8 in a directive make libfyaml 0.7.12 loop forever: they never reach it.
  auto const r = run_poolcheck({"check", s.write("docker-compose.yml", "%Y\xF4\n")}, "", s.path);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("docker-compose.yml:1:3: not valid YAML (not UTF-8 here)") != std::string::npos);
}

} // namespace poolcheck::test
