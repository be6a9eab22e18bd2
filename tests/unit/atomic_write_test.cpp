// The file holds the old or the new bytes, never a mix: replaced content, kept permissions,
// followed symlinks, refusals that leave the original alone, and simulated crashes at each step.
#include "fix/artifact_names.hpp"
#include "fix/atomic_write.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

using poolcheck::fixes::write_atomically;
using poolcheck::fixes::write_options;

namespace {

namespace fs = std::filesystem;
using poolcheck::test::read_file;
using poolcheck::test::temp_dir;

/// A fresh folder per test (removed afterwards), naming its files as plain strings.
struct scratch_folder : temp_dir {
  [[nodiscard]] std::string operator/(std::string const& name) const {
    return (path / name).string();
  }
};

void put(std::string const& path, std::string const& content, mode_t mode = 0644) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    REQUIRE(out.good());
  }
  REQUIRE(::chmod(path.c_str(), mode) == 0);
}

mode_t mode_of(std::string const& path) {
  struct stat st = {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

/// Names in `folder` that look like poolcheck temp files.
std::size_t leftovers(std::string const& folder) {
  std::size_t count = 0;
  for (auto const& entry : fs::directory_iterator(folder)) {
    if (entry.path().filename().string().find(".poolcheck-") != std::string::npos)
      ++count;
  }
  return count;
}

std::string const original = "DATABASE_URL=postgres://app:secret@db.example.com:5432/app\n";
std::string const fixed = "DATABASE_URL=postgres://app:secret@db.example.com:6543/app\n";

} // namespace

TEST_CASE("the content is replaced and nothing is left behind", "[fix][write]") {
  scratch_folder dir;
  auto env = dir / ".env";
  put(env, original);
  auto r = write_atomically(env, original, fixed);
  REQUIRE(r);
  CHECK(read_file(env) == fixed);
  CHECK(leftovers(dir.path.string()) == 0);
  CHECK_FALSE(fs::exists(dir / ".env.poolcheck-backup"));

  SECTION("writing empty content empties the file") {
    REQUIRE(write_atomically(env, fixed, ""));
    CHECK(read_file(env).empty());
  }
}

TEST_CASE("the permission bits are kept", "[fix][write]") {
  auto mode = GENERATE(mode_t{0600}, mode_t{0644}, mode_t{0640});
  scratch_folder dir;
  auto env = dir / ".env";
  put(env, original, mode);
  REQUIRE(write_atomically(env, original, fixed));
  CHECK(mode_of(env) == mode);
  CHECK(read_file(env) == fixed);
}

TEST_CASE("as root, the owner is kept too", "[fix][write]") {
  if (::geteuid() != 0) {
    WARN("not running as root: ownership cannot be given away, owner case skipped");
    return;
  }
  scratch_folder dir;
  auto env = dir / ".env";
  put(env, original, 0640);
  REQUIRE(::chown(env.c_str(), 65534, 65534) == 0);
  REQUIRE(write_atomically(env, original, fixed));

  struct stat st = {};
  REQUIRE(::stat(env.c_str(), &st) == 0);
  CHECK(st.st_uid == 65534);
  CHECK(st.st_gid == 65534);
  CHECK(mode_of(env) == 0640);
}

TEST_CASE("a symlink is followed and stays a link", "[fix][write]") {
  scratch_folder dir;
  fs::create_directory(dir / "shared");
  auto target = dir / "shared/.env";
  put(target, original, 0600);
  fs::create_symlink("shared/.env", dir / ".env");
  fs::create_symlink(".env", dir / ".env.local"); // a link to a link

  auto link = GENERATE(std::string(".env"), std::string(".env.local"));
  REQUIRE(write_atomically(dir / link, original, fixed));
  CHECK(fs::is_symlink(dir / ".env"));
  CHECK(fs::read_symlink(dir / ".env") == "shared/.env");
  CHECK(fs::is_symlink(dir / ".env.local"));
  CHECK(read_file(target) == fixed);
  CHECK(mode_of(target) == 0600);
  CHECK(leftovers(dir.path.string()) == 0);
  CHECK(leftovers(dir / "shared") == 0);
}

TEST_CASE("a read-only folder or file is refused and the original kept", "[fix][write]") {
  // Permission bits do not bind root: as root (CI), the writes run as an unprivileged user.
  scratch_folder dir;
  auto env = dir / ".env";
  put(env, original);
  auto refused = [&] {
    auto r = write_atomically(env, original, fixed);
    return !r && r.error().message.starts_with("cannot write " + env + ": ") ? 0 : 1;
  };

  SECTION("read-only folder") {
    REQUIRE(::chmod(dir.path.string().c_str(), 0555) == 0);
    CHECK(poolcheck::test::as_unprivileged(dir.path, refused) == 0);
    REQUIRE(::chmod(dir.path.string().c_str(), 0755) == 0);
  }
  SECTION("read-only file in a writable folder") {
    REQUIRE(::chmod(env.c_str(), 0444) == 0);
    CHECK(poolcheck::test::as_unprivileged(dir.path, refused) == 0);
    CHECK(mode_of(env) == 0444);
  }
  CHECK(read_file(env) == original);
  CHECK(leftovers(dir.path.string()) == 0);
}

TEST_CASE("failures that bind root too leave the original alone", "[fix][write]") {
  scratch_folder dir;

  SECTION("the temp file name is too long for the filesystem") {
    // 250 characters fit in a name; with the temp file's prefix and suffix they do not.
    auto env = dir / std::string(250, 'e');
    put(env, original);
    auto r = write_atomically(env, original, fixed);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "cannot write " + env + ": File name too long");
    CHECK(read_file(env) == original);
    CHECK(leftovers(dir.path.string()) == 0);
  }
  SECTION("the disk refuses the bytes halfway") {
    auto env = dir / ".env";
    put(env, original);
    std::string big(1 << 16, '#');
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      // A file size limit makes the temp file write fail partway, even for root.
      std::signal(SIGXFSZ, SIG_IGN);
      rlimit limit{1000, 1000};
      ::setrlimit(RLIMIT_FSIZE, &limit);
      auto r = write_atomically(env, original, big);
      bool as_expected = !r && r.error().message == "cannot write " + env + ": File too large";
      std::_Exit(as_expected ? 0 : 1);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(read_file(env) == original);
    CHECK(leftovers(dir.path.string()) == 0);
  }
  SECTION("missing file") {
    auto r = write_atomically(dir / "missing.env", "", fixed);
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          "cannot write " + (dir / "missing.env") + ": No such file or directory");
    CHECK_FALSE(fs::exists(dir / "missing.env"));
  }
  SECTION("not a regular file") {
    fs::create_directory(dir / "folder.env");
    auto r = write_atomically(dir / "folder.env", "", fixed);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "cannot write " + (dir / "folder.env") + ": not a regular file");
    CHECK(fs::is_directory(dir / "folder.env"));
  }
}

TEST_CASE("a file changed since it was read is not overwritten", "[fix][write]") {
  scratch_folder dir;
  auto env = dir / ".env";
  // Same size, different bytes; then a different size.
  auto now = GENERATE(std::string("DATABASE_URL=postgres://app:secret@db.example.com:5432/APP\n"),
                      std::string("DATABASE_URL=postgres://app:secret@db.example.com:5432/app\n"
                                  "EXTRA=1\n"),
                      std::string(""));
  put(env, now, 0600);
  auto r = write_atomically(env, original, fixed, write_options{true});
  REQUIRE_FALSE(r);
  CHECK(r.error().message == env + " changed since it was read; not written");
  CHECK(read_file(env) == now);
  CHECK(mode_of(env) == 0600);
  CHECK_FALSE(fs::exists(dir / ".env.poolcheck-backup"));
  CHECK(leftovers(dir.path.string()) == 0);
}

TEST_CASE("a file saved anew after its bytes were compared is not overwritten", "[fix][write]") {
  // An editor that saves by rename in the window between the byte comparison and the rename:
  // the bytes are the same, the file is not, and the user's save must win.
  scratch_folder dir;
  auto env = dir / ".env";
  put(env, original, 0600);
  ::setenv("POOLCHECK_FAULT", "saved-before-rename", 1);
  auto r = write_atomically(env, original, fixed);
  ::unsetenv("POOLCHECK_FAULT");
  REQUIRE_FALSE(r);
  CHECK(r.error().message == env + " changed since it was read; not written");
  CHECK(read_file(env) == original);
  CHECK(leftovers(dir.path.string()) == 0);
}

TEST_CASE("a backup holds the original bytes with the original's permissions", "[fix][write]") {
  scratch_folder dir;
  auto env = dir / ".env";
  put(env, original, 0600);

  SECTION("new backup") {
    REQUIRE(write_atomically(env, original, fixed, write_options{true}));
  }
  SECTION("an older backup is replaced") {
    put(dir / ".env.poolcheck-backup", "OLD=1\n", 0644);
    REQUIRE(write_atomically(env, original, fixed, write_options{true}));
  }
  auto const backup = dir / ".env.poolcheck-backup";
  CHECK(read_file(env) == fixed);
  CHECK(read_file(backup) == original);
  // The backup holds the same secrets as the file: it must not be more readable.
  CHECK(mode_of(backup) == 0600);
  CHECK(leftovers(dir.path.string()) == 1); // the backup
}

TEST_CASE("backups and temporary copies keep the file's own name pattern", "[fix][write]") {
  // The .gitignore line that hides the file (`.env*`, `*.env`) hides them too.
  using poolcheck::fixes::backup_name;
  using poolcheck::fixes::is_artifact;
  using poolcheck::fixes::temp_name;
  CHECK(backup_name(".env") == ".env.poolcheck-backup");
  CHECK(backup_name(".env.local") == ".env.local.poolcheck-backup");
  CHECK(backup_name("prod.env") == "prod.poolcheck-backup.env");
  CHECK(temp_name(".env").pattern == ".env.poolcheck-XXXXXX");
  CHECK(temp_name("prod.env").pattern == "prod.poolcheck-XXXXXX.env");
  CHECK(temp_name("prod.env").suffix_size == 4);
  CHECK(is_artifact("prod.poolcheck-backup.env"));
  CHECK_FALSE(is_artifact(".env.production"));
  // And each names the file it was made of.
  using poolcheck::fixes::artifact_original;
  CHECK(artifact_original(".env.poolcheck-backup") == ".env");
  CHECK(artifact_original(".env.local.poolcheck-Ab12Cd") == ".env.local");
  CHECK(artifact_original("prod.poolcheck-backup.env") == "prod.env");
  CHECK(artifact_original("pre-commit.poolcheck-backup") == "pre-commit");
  CHECK_FALSE(artifact_original("pre-commit.poolcheck-backup-2"));
  CHECK_FALSE(artifact_original(".env.production"));
}

TEST_CASE("temp files of an earlier crash are cleaned up, others left alone", "[fix][write]") {
  scratch_folder dir;
  auto env = dir / ".env";
  put(env, original);
  auto put_old = [&](std::string const& name) {
    put(dir / name, "half written", 0600);
    struct timespec const old[2] = {{0, UTIME_OMIT}, {::time(nullptr) - 120, 0}};
    REQUIRE(::utimensat(AT_FDCWD, (dir / name).c_str(), old, 0) == 0);
  };
  put_old(".env.poolcheck-a1B2c3");
  put_old(".env.poolcheck-ZZZZZZ");
  put_old(".env.local.poolcheck-a1B2c3");
  // A run fixing the same file right now: its temporary copy is new and locked.
  put(dir / ".env.poolcheck-Live01", "being written", 0600);
  int const live = ::open((dir / ".env.poolcheck-Live01").c_str(), O_RDONLY);
  REQUIRE(::flock(live, LOCK_EX) == 0);
  REQUIRE(write_atomically(env, original, fixed));
  ::close(live);
  CHECK_FALSE(fs::exists(dir / ".env.poolcheck-a1B2c3"));
  CHECK_FALSE(fs::exists(dir / ".env.poolcheck-ZZZZZZ"));
  CHECK(fs::exists(dir / ".env.local.poolcheck-a1B2c3"));
  CHECK(fs::exists(dir / ".env.poolcheck-Live01"));
  CHECK(leftovers(dir.path.string()) == 2);
}

TEST_CASE("what a rename would change beyond the bytes is refused", "[fix][write]") {
  scratch_folder dir;
  auto env = dir / ".env";
  put(env, original);
  SECTION("a file with another hard link") {
    REQUIRE(::link(env.c_str(), (dir / "shared.env").c_str()) == 0);
    auto r = write_atomically(env, original, fixed);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("2 hard links") != std::string::npos);
  }
  SECTION("a read-only file, even for root") {
    REQUIRE(::chmod(env.c_str(), 0444) == 0);
    auto r = write_atomically(env, original, fixed);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "cannot write " + env + ": it is read-only; not written");
  }
  SECTION("a file in a read-only folder, even for root") {
    REQUIRE(::chmod(dir.path.c_str(), 0555) == 0);
    auto r = write_atomically(env, original, fixed);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "cannot write " + env + ": its folder is read-only; not written");
    REQUIRE(::chmod(dir.path.c_str(), 0755) == 0);
  }
  CHECK(read_file(env) == original);
  CHECK(leftovers(dir.path.string()) == 0);
}

TEST_CASE("the group, the permission bits and the access ACL are kept", "[fix][write]") {
  scratch_folder dir;
  auto env = dir / ".env";
  put(env, original, 0640);
  auto acl_of = [&] {
    char buffer[4096];
    auto n = ::getxattr(env.c_str(), "system.posix_acl_access", buffer, sizeof buffer);
    return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
  };
  // A named group entry makes it an ACL beyond the mode bits (nogroup: every Debian has it).
  if (std::system(("setfacl -m g:nogroup:r " + env + " 2>/dev/null").c_str()) != 0)
    WARN("setfacl is missing or this file system has no ACLs: only the mode is compared");
  std::string const before = acl_of();
  struct stat st_before = {};
  REQUIRE(::stat(env.c_str(), &st_before) == 0);
  REQUIRE(write_atomically(env, original, fixed));
  CHECK(acl_of() == before);
  struct stat st_after = {};
  REQUIRE(::stat(env.c_str(), &st_after) == 0);
  CHECK(st_after.st_gid == st_before.st_gid);
  CHECK((st_after.st_mode & 07777) == (st_before.st_mode & 07777));
}

TEST_CASE("a crash at any step leaves the original intact", "[fix][write]") {
  auto step = GENERATE(std::string("after-temp-write"), std::string("before-fsync"),
                       std::string("before-rename"));
  CAPTURE(step);
  scratch_folder dir;
  auto env = dir / ".env";
  put(env, original, 0600);

  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::setenv("POOLCHECK_FAULT", step.c_str(), 1);
    (void)write_atomically(env, original, fixed);
    std::_Exit(0); // reached only if the fault did not fire
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 70);
  CHECK(read_file(env) == original);
  CHECK(mode_of(env) == 0600);
  CHECK(leftovers(dir.path.string()) == 1); // the crash's temp file, as a real crash would leave

  // A minute later, a run cleans it up (sooner, it could be a live run's: see the test above).
  for (auto const& entry : fs::directory_iterator(dir.path))
    if (entry.path().filename().string().find(".poolcheck-") != std::string::npos) {
      struct timespec const old[2] = {{0, UTIME_OMIT}, {::time(nullptr) - 120, 0}};
      REQUIRE(::utimensat(AT_FDCWD, entry.path().c_str(), old, 0) == 0);
    }
  REQUIRE(write_atomically(env, original, fixed));
  CHECK(read_file(env) == fixed);
  CHECK(mode_of(env) == 0600);
  CHECK(leftovers(dir.path.string()) == 0);
}
