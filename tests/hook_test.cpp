// The git side: the plain hook checks what is staged and blocks the commit; the pre-commit
// framework runs this repository's .pre-commit-hooks.yaml for real (Debian's pre-commit).
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

namespace poolcheck::test {
namespace {

namespace fs = std::filesystem;

std::string const broken = "DATABASE_URL=POSTGRESQL://app@db.example.com:99999/app\n";
std::string const clean = "DATABASE_URL=postgresql://app@db.example.com:5432/app\n";
std::string const binary = POOLCHECK_BINARY;

/// An installed hook `hook` as install writes it for poolcheck at `path` instead (test paths hold
/// no quote, so the one in the hook's `if [ -x '...' ]` line is read plainly).
std::string with_binary(std::string hook, std::string const& path) {
  std::string const open = "if [ -x '";
  auto start = hook.find(open);
  REQUIRE(start != std::string::npos);
  start += open.size();
  std::string const quoted = "'" + hook.substr(start, hook.find("' ]", start) - start) + "'";
  std::string const replacement = shell_quote(path);
  for (auto at = hook.find(quoted); at != std::string::npos;
       at = hook.find(quoted, at + replacement.size()))
    hook.replace(at, quoted.size(), replacement);
  REQUIRE(hook.find(replacement) != std::string::npos);
  return hook;
}

struct repo : temp_dir {
  repo() {
    sh("git init -q . && git config user.email t@example.com && git config user.name test && "
       "git config commit.gpgsign false");
  }

  ~repo() {
    std::error_code ec;
    fs::remove_all(path.string() + ".cache", ec);
    fs::remove_all(path.string() + ".home", ec);
  }

  /// Runs a shell command in the repository with poolcheck first on PATH; returns its status.
  int sh(std::string const& cmd, std::string* output = nullptr) const {
    auto bin = fs::path(POOLCHECK_BINARY).parent_path().string();
    auto log = path.string() + ".log";
    std::string full = "cd '" + path.string() + "' && PATH='" + bin + "':$PATH PRE_COMMIT_HOME='" +
                       path.string() + ".cache' HOME='" + path.string() + ".home' " + cmd + " >'" +
                       log + "' 2>&1";
    fs::create_directories(path.string() + ".home");
    int status = std::system(full.c_str());
    if (output)
      *output = read_file(log);
    fs::remove(log);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
};

} // namespace

TEST_CASE("the plain hook checks the staged version and blocks the commit", "[hook]") {
  repo r;
  REQUIRE(r.sh(std::string(POOLCHECK_BINARY) + " hook install") == 0);
  r.write(".env", broken);
  r.sh("git add .env");
  std::string out;
  CHECK(r.sh("git commit -qm broken", &out) != 0);
  CHECK(out.find("URL005") != std::string::npos);
  CHECK(out.find(".env:1:14") != std::string::npos);
  // Fixed in the working tree but not staged: still blocked (the index is what gets committed).
  r.write(".env", clean);
  CHECK(r.sh("git commit -qm still-broken") != 0);
  r.sh("git add .env");
  CHECK(r.sh("git commit -qm fixed", &out) == 0);
  // A foreign hook is not replaced without --force, and uninstall leaves it alone.
  r.write(".git/hooks/pre-commit", "#!/bin/sh\nexit 0\n");
  CHECK(r.sh(std::string(POOLCHECK_BINARY) + " hook install") == 2);
  CHECK(r.sh(std::string(POOLCHECK_BINARY) + " hook uninstall") == 2);
  CHECK(r.sh(std::string(POOLCHECK_BINARY) + " hook install --force") == 0);
  CHECK(r.sh(std::string(POOLCHECK_BINARY) + " hook uninstall") == 0);
  CHECK_FALSE(fs::exists(r.path / ".git" / "hooks" / "pre-commit"));
}

TEST_CASE("a backup git would commit is said, and the hook blocks it staged", "[hook]") {
  // A .gitignore with the exact line `.env` (GitHub's Node template) does not hide the backup.
  repo r;
  REQUIRE(r.sh(std::string(POOLCHECK_BINARY) + " hook install") == 0);
  r.write(".gitignore", ".env\n");
  r.write(".env", broken);
  std::string out;
  REQUIRE(r.sh(std::string(POOLCHECK_BINARY) + " check --fix --backup .env", &out) <= 1);
  REQUIRE(fs::exists(r.path / ".env.poolcheck-backup"));
  CHECK(out.find("warning: .env.poolcheck-backup holds the values before the fix, passwords "
                 "included, and git does not ignore it") != std::string::npos);
  r.sh("git add -A");
  CHECK(r.sh("git commit -qm backup", &out) != 0);
  CHECK(out.find(".env.poolcheck-backup is a copy poolcheck --fix made") != std::string::npos);
  r.sh("git rm -q --cached -- .env.poolcheck-backup");
  CHECK(r.sh("git commit -qm without", &out) == 0);
  // The backup of a hook (a versioned hooks folder keeps it in the work tree) is no env file's.
  r.write(".githooks/pre-commit.poolcheck-backup", "#!/bin/sh\nnpm test\n");
  r.sh("git add .githooks");
  CHECK(r.sh("git commit -qm hooks", &out) == 0);
}

TEST_CASE("hook install --force replaces a symlinked hook, not the file it points to", "[hook]") {
  repo r;
  auto hooks = r.path / ".git" / "hooks";
  fs::create_directories(hooks);
  std::string const shared = "#!/bin/sh\n# the team's hook, tracked in the repository\nexit 0\n";
  r.write("scripts/pre-commit", shared);
  fs::create_symlink("../../scripts/pre-commit", hooks / "pre-commit");
  std::string out;
  CHECK(r.sh(binary + " hook install") == 2);
  CHECK(r.sh(binary + " hook install --force", &out) == 0);
  CHECK(read_file(r.path / "scripts" / "pre-commit") == shared);
  CHECK_FALSE(fs::is_symlink(hooks / "pre-commit"));
  std::string const ours = read_file(hooks / "pre-commit");
  CHECK(ours.find("hook run") != std::string::npos);
  // The link itself is what was replaced, so the link is what is kept.
  CHECK(fs::is_symlink(hooks / "pre-commit.poolcheck-backup"));
  CHECK(fs::read_symlink(hooks / "pre-commit.poolcheck-backup") == "../../scripts/pre-commit");
  CHECK(out.find("pre-commit.poolcheck-backup") != std::string::npos);
  // A dangling link is a hook too: install neither writes its target nor replaces it unasked.
  fs::remove(hooks / "pre-commit");
  fs::create_symlink("../../scripts/missing", hooks / "pre-commit");
  CHECK(r.sh(binary + " hook install") == 2);
  CHECK_FALSE(fs::exists(r.path / "scripts" / "missing"));
  CHECK(fs::is_symlink(hooks / "pre-commit"));
  // A link to a copy of poolcheck's script (for poolcheck elsewhere) is not ours either: install
  // would otherwise rewrite the tracked copy for this machine's path.
  std::string const elsewhere = with_binary(ours, "/opt/poolcheck/bin/poolcheck");
  r.write("scripts/pre-commit", elsewhere);
  fs::remove(hooks / "pre-commit");
  fs::create_symlink("../../scripts/pre-commit", hooks / "pre-commit");
  CHECK(r.sh(binary + " hook install") == 2);
  CHECK(r.sh(binary + " hook uninstall") == 2);
  CHECK(read_file(r.path / "scripts" / "pre-commit") == elsewhere);
  CHECK(fs::is_symlink(hooks / "pre-commit"));
}

TEST_CASE("a hook is poolcheck's only if it is exactly what install writes", "[hook]") {
  repo r;
  auto hook = r.path / ".git" / "hooks" / "pre-commit";
  auto backup = r.path / ".git" / "hooks" / "pre-commit.poolcheck-backup";
  REQUIRE(r.sh(binary + " hook install") == 0);
  std::string const ours = read_file(hook);
  // A user's own hook that runs poolcheck among other things, and so carries poolcheck's header.
  std::string const combined = "#!/bin/sh\n# poolcheck pre-commit hook: and the team's checks\n"
                               "poolcheck hook run || exit 1\nnpm test\n";
  r.write(".git/hooks/pre-commit", combined);
  CHECK(r.sh(binary + " hook install") == 2);
  CHECK(r.sh(binary + " hook uninstall") == 2);
  CHECK(read_file(hook) == combined);
  // Replaced with --force, the user's hook is kept next to it, and the message says where.
  std::string out;
  CHECK(r.sh(binary + " hook install --force", &out) == 0);
  CHECK(read_file(hook) == ours);
  REQUIRE(fs::exists(backup));
  CHECK(read_file(backup) == combined);
  CHECK(out.find(backup.filename().string()) != std::string::npos);
  CHECK(r.sh(binary + " hook uninstall") == 0);
  CHECK_FALSE(fs::exists(hook));
  CHECK(read_file(backup) == combined);
  // A second hook replaced: uninstall names the one it replaced last, and the earlier one.
  std::string const second = "#!/bin/sh\nnpm run lint\n";
  r.write(".git/hooks/pre-commit", second);
  CHECK(r.sh(binary + " hook install --force", &out) == 0);
  CHECK(read_file(backup.string() + "-2") == second);
  CHECK(r.sh(binary + " hook uninstall", &out) == 0);
  CHECK(out.find("the hook it had replaced is still at .git/hooks/pre-commit.poolcheck-backup-2") !=
        std::string::npos);
  CHECK(out.find("an earlier replaced hook is still at .git/hooks/pre-commit.poolcheck-backup\n") !=
        std::string::npos);
  // One byte more and it is the user's.
  r.write(".git/hooks/pre-commit", ours + "\n");
  CHECK(r.sh(binary + " hook uninstall") == 2);
  CHECK(fs::exists(hook));
  // Written by install for poolcheck at another path (moved or upgraded since): still ours.
  std::string const moved = with_binary(ours, "/opt/pool'check/bin/poolcheck");
  r.write(".git/hooks/pre-commit", moved);
  CHECK(r.sh(binary + " hook uninstall") == 0);
  CHECK_FALSE(fs::exists(hook));
}

TEST_CASE("the hook checks a staged file whose type changed, not a staged symlink", "[hook]") {
  repo r;
  r.write("shared.env", clean);
  fs::create_symlink("shared.env", r.path / ".env");
  REQUIRE(r.sh("git add . && git commit -qm link") == 0);
  REQUIRE(r.sh(binary + " hook install") == 0);
  // symlink -> file: the file is what gets committed, so it is checked.
  fs::remove(r.path / ".env");
  r.write(".env", broken);
  std::string out;
  r.sh("git add .env && git diff --cached --name-status", &out);
  REQUIRE(out == "T\t.env\n");
  CHECK(r.sh("git commit -qm file", &out) != 0);
  CHECK(out.find(".env:1:14") != std::string::npos);
  r.write(".env", clean);
  r.sh("git add .env");
  REQUIRE(r.sh("git commit -qm file") == 0);
  // file -> symlink: what is staged is a link (its target's name), not env text to check.
  fs::remove(r.path / ".env");
  fs::create_symlink("shared.env", r.path / ".env");
  r.sh("git add .env && git diff --cached --name-status", &out);
  REQUIRE(out == "T\t.env\n");
  CHECK(r.sh("git commit -qm link-again", &out) == 0);
}

TEST_CASE("the hook checks the working-tree form of a file with a filter attribute", "[hook]") {
  repo r;
  // Like git-crypt or sops: the index holds an encoded form (base64 here), the work tree the text.
  r.sh("git config filter.b64.clean base64 && git config filter.b64.smudge 'base64 -d'");
  r.write(".gitattributes", "secrets.env filter=b64\n");
  r.write("secrets.env", clean);
  r.sh("git add .gitattributes secrets.env");
  std::string out;
  r.sh("git cat-file blob :secrets.env", &out);
  REQUIRE(out.find("postgresql") == std::string::npos);
  REQUIRE(r.sh(binary + " hook install") == 0);
  CHECK(r.sh("git commit -qm encoded", &out) == 0);
  r.write("secrets.env", broken);
  r.sh("git add secrets.env");
  CHECK(r.sh("git commit -qm broken", &out) != 0);
  CHECK(out.find("secrets.env:1:14: error[URL005]") != std::string::npos);
}

TEST_CASE("pre-commit runs this repository's hook and blocks a broken .env", "[hook][pre-commit]") {
  if (std::system("pre-commit --version >/dev/null 2>&1") != 0) {
    WARN("skipped: pre-commit is not installed (scripts/setup installs Debian's package)");
    return;
  }
  if (!fs::exists(source_dir() / ".git")) {
    WARN("skipped: pre-commit try-repo needs this source tree to be a git repository");
    return;
  }
  repo r;
  r.write(".env.production", broken);
  r.write("README.md", "not an env file\n");
  r.sh("git add .");
  std::string out;
  int status = r.sh("pre-commit try-repo '" + source_dir().string() +
                        "' poolcheck --files .env.production README.md",
                    &out);
  INFO(out);
  CHECK(status == 1);
  CHECK(out.find("poolcheck") != std::string::npos);
  CHECK(out.find("Failed") != std::string::npos);
  CHECK(out.find(".env.production:1:14: error[URL005]") != std::string::npos);
  r.write(".env.production", clean);
  r.sh("git add .");
  CHECK(
      r.sh("pre-commit try-repo '" + source_dir().string() + "' poolcheck --files .env.production",
           &out) == 0);
  CHECK(out.find("Passed") != std::string::npos);
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("in a git repository, gitignored .env files are checked, dependencies are not", "[git]") {
  // create-next-app's .gitignore: the .env files it hides hold the values deployed.
  repo r;
  r.write(".gitignore", ".env*\nsecrets.env\n/.vercel\nnode_modules/\n.next/\n");
  r.write("secrets.env", broken);
  r.write(".env.local", broken);
  r.write(".vercel/.env.production.local", broken); // what `vercel env pull` writes
  r.write("app.env", clean);
  r.write("node_modules/pkg/.env", broken);
  r.write(".next/standalone/.env", broken);
  r.write(".env.vault", broken); // dotenv-vault's encrypted store, not dotenv
  std::string out;
  CHECK(r.sh(std::string(POOLCHECK_BINARY) + " check --no-config --format json .", &out) == 1);
  CHECK(out.find("\"files\": 4") != std::string::npos);
  CHECK(out.find("secrets.env") != std::string::npos);
  CHECK(out.find(".vercel/.env.production.local") != std::string::npos);
  CHECK(out.find("node_modules") == std::string::npos);
  CHECK(out.find(".next") == std::string::npos);
  CHECK(out.find(".env.vault") == std::string::npos);
  CHECK(r.sh(std::string(POOLCHECK_BINARY) + " check --no-config -q .", &out) == 1);
  CHECK(out.find("in 4 files (3 gitignored)") != std::string::npos);
}

} // namespace poolcheck::test

namespace poolcheck::test {

TEST_CASE("no git call runs the repository's core.fsmonitor command", "[git][hook]") {
  repo r;
  r.write(".env", broken);
  r.sh("git add .env");
  // An untrusted checkout (an archive, a copied folder) brings its own .git/config.
  temp_dir outside;
  auto marker = outside.path / "fsmonitor-ran";
  outside.write("fsmonitor", "#!/bin/sh\ntouch " + shell_quote(marker.string()) + "\nexit 1\n");
  fs::permissions(outside.path / "fsmonitor", fs::perms::owner_all);
  r.sh("git config core.fsmonitor " + shell_quote((outside.path / "fsmonitor").string()));
  // The trap is live: git itself runs it.
  r.sh("git ls-files");
  REQUIRE(fs::exists(marker));
  fs::remove(marker);

  auto checked = run_poolcheck({"check", r.path.string()});
  CHECK(checked.exit_code == 1);
  CHECK(checked.out.find(".env") != std::string::npos);
  CHECK_FALSE(fs::exists(marker));
  std::string out;
  CHECK(r.sh(binary + " hook run", &out) == 1);
  CHECK(out.find(".env:1:14") != std::string::npos);
  CHECK_FALSE(fs::exists(marker));
  CHECK(r.sh(binary + " hook install") == 0);
  CHECK(r.sh(binary + " hook uninstall") == 0);
  CHECK_FALSE(fs::exists(marker));
}

} // namespace poolcheck::test
