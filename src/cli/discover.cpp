// File discovery: git's list inside a work tree, else a walk of the folder on several threads.
#include "cli/discover.hpp"

#include "cli/process.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <unistd.h>

namespace poolcheck::cli {
namespace {

namespace fs = std::filesystem;

/// `git ls-files` for `dir`: tracked and untracked-but-not-ignored files; nullopt outside git.
std::optional<std::vector<std::string>> git_files(std::string const& dir) {
  auto r = run_process({"git", "-C", dir, "ls-files", "--cached", "--others", "--exclude-standard",
                        "-z", "--", "."});
  if (!r || r->status != 0)
    return std::nullopt;
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < r->out.size()) {
    std::size_t end = r->out.find('\0', start);
    if (end == std::string::npos)
      end = r->out.size();
    out.push_back(r->out.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Files up to this size are read by the walk itself (see read_small), up to this much in all: the
// texts wait in memory until they are checked.
constexpr std::size_t small_file_limit = 64 * 1024;
constexpr std::size_t walk_read_budget = std::size_t{64} << 20;

/// The bytes of a small file, read through its open folder: a one-name lookup instead of the whole
/// path, on the walk's threads. nullopt when it is larger or cannot be read now: it is then read
/// later, the usual way, which says what is wrong.
std::optional<std::string> read_small(int folder_fd, char const* name) {
  int fd = ::openat(folder_fd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return std::nullopt;
  char buffer[small_file_limit];
  std::size_t done = 0;
  bool complete = false;
  while (done < sizeof buffer) {
    ssize_t n = ::read(fd, buffer + done, sizeof buffer - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      complete = n == 0;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (!complete)
    return std::nullopt;
  return std::string(buffer, done);
}

/// Walks the folder `path` on several threads (a tree of thousands of folders is mostly system
/// calls, one folder at a time): .env files into `found` (unsorted), folder facts into `out`.
/// Symlinked folders are not followed, so a symlink loop cannot trap the walk; folders that cannot
/// be read for want of permission are skipped, as git and ripgrep do.
class parallel_walk {
public:
  parallel_walk(fs::path const& cwd, discovery& out) : cwd_(cwd), out_(out) {}

  void run(std::string const& path, std::vector<found_file>& found) {
    pending_.push_back(path);
    std::size_t const threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> helpers;
    helpers.reserve(threads); // once a thread runs, nothing here may throw before it is joined
    for (std::size_t t = 1; t < threads; ++t) {
      try {
        helpers.emplace_back([this] { work(); });
      } catch (std::exception const&) {
        break; // fewer threads walk the same folders
      }
    }
    work();
    for (auto& t : helpers)
      t.join();
    for (auto& f : found_)
      found.push_back(std::move(f));
    for (auto const& [folder, name] : seen_)
      out_.folders.saw(normal_folder(cwd_, folder), name);
    for (auto const& folder : listed_)
      out_.folders.listed(normal_folder(cwd_, folder));
    for (auto& e : errors_)
      out_.errors.push_back(std::move(e));
  }

private:
  fs::path const& cwd_;
  discovery& out_;
  std::mutex mutex_;
  std::condition_variable more_;
  std::vector<std::string> pending_;        // folders to list
  std::size_t busy_ = 0;                    // threads listing a folder
  std::atomic<std::size_t> read_so_far_{0}; // bytes the walk has read (see walk_read_budget)
  std::vector<found_file> found_;
  std::vector<std::pair<std::string, std::string>> seen_; // (folder, tracked name)
  std::vector<std::string> listed_;
  std::vector<std::string> errors_;

  void work() {
    while (true) {
      std::string folder;
      {
        std::unique_lock lock(mutex_);
        more_.wait(lock, [this] { return !pending_.empty() || busy_ == 0; });
        if (pending_.empty())
          return; // nothing queued and nobody listing: done
        folder = std::move(pending_.back());
        pending_.pop_back();
        ++busy_;
      }
      // An exception leaving a helper thread would end the process without a word.
      std::string failed;
      try {
        list(folder);
      } catch (std::exception const&) {
        failed = folder + ": could not be listed";
      }
      {
        std::lock_guard lock(mutex_);
        --busy_;
        if (!failed.empty())
          errors_.push_back(std::move(failed));
      }
      more_.notify_all();
    }
  }

  /// Lists one folder; queues its subfolders.
  void list(std::string const& folder) {
    std::vector<std::string> subfolders;
    std::vector<found_file> files;
    std::vector<std::pair<std::string, std::string>> seen;
    std::string error;
    bool listed = false;
    if (std::unique_ptr<DIR, int (*)(DIR*)> open{::opendir(folder.c_str()), ::closedir}) {
      DIR* const dir = open.get();
      listed = true;
      // readdir returns null at the end and on an error, which only errno tells apart.
      for (errno = 0; dirent const* entry = ::readdir(dir); errno = 0) {
        std::string_view const name = entry->d_name;
        if (name == "." || name == "..")
          continue;
        if (folder_listing::tracks(name))
          seen.emplace_back(folder, name);
        unsigned char type = entry->d_type;
        // Only folders and .env files matter; a symlink matters only as a .env file (symlinked
        // folders are not entered), so other names need neither a path nor a stat.
        if (type == DT_LNK ? !is_env_file_name(name)
                           : type != DT_UNKNOWN && type != DT_DIR && !is_env_file_name(name))
          continue;
        std::string child = folder + (folder.ends_with('/') ? "" : "/") + std::string(name);
        if (type == DT_UNKNOWN || type == DT_LNK) {
          // Symlinks count as what they point to, for files; a symlinked folder is not entered.
          std::error_code ec;
          auto const link = fs::symlink_status(child, ec);
          auto const target = fs::status(child, ec);
          if (fs::is_directory(link))
            type = DT_DIR;
          else if (fs::is_regular_file(target))
            type = DT_REG;
          else
            continue;
        }
        if (type == DT_DIR) {
          if (name != ".git" && name != "node_modules")
            subfolders.push_back(std::move(child));
        } else if (type == DT_REG && is_env_file_name(name)) {
          std::optional<std::string> text;
          if (read_so_far_.load(std::memory_order_relaxed) < walk_read_budget) {
            text = read_small(::dirfd(dir), entry->d_name);
            if (text)
              read_so_far_.fetch_add(text->size(), std::memory_order_relaxed);
          }
          files.push_back({std::move(child), false, std::move(text)});
        }
      }
      if (errno != 0) { // a listing broken off: what it lacks must not read as absent
        listed = false;
        error = folder + ": " + std::strerror(errno);
      }
    } else if (errno != EACCES) {
      error = folder + ": " + std::strerror(errno);
    }
    std::lock_guard lock(mutex_);
    for (auto& f : subfolders)
      pending_.push_back(std::move(f));
    for (auto& f : files)
      found_.push_back(std::move(f));
    for (auto& s : seen)
      seen_.push_back(std::move(s));
    if (listed)
      listed_.push_back(folder);
    if (!error.empty())
      errors_.push_back(std::move(error));
  }
};

} // namespace

bool is_env_file_name(std::string_view name) {
  return name == ".env" || name.starts_with(".env.") || (name.size() > 4 && name.ends_with(".env"));
}

discovery discover(std::vector<std::string> const& paths) {
  discovery out;
  std::error_code cwd_ec;
  fs::path const cwd = fs::current_path(cwd_ec);
  for (auto const& path : paths) {
    if (path == "-") {
      out.files.push_back({path, true, {}});
      continue;
    }
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      out.errors.push_back(path + ": no such file or folder");
      continue;
    }
    if (!fs::is_directory(status)) {
      out.files.push_back({path, true, {}});
      continue;
    }
    std::vector<found_file> found;
    if (auto listed = git_files(path)) {
      // git's list leaves out ignored files, and a gitignored poolcheck.toml or package.json
      // still counts: what the folders hold is asked of the file system, not of the list.
      for (auto const& rel : *listed) {
        fs::path p = fs::path(path) / rel;
        std::error_code type_ec;
        if (is_env_file_name(p.filename().string()) && fs::is_regular_file(p, type_ec))
          found.push_back({p.lexically_normal().string(), false, {}});
      }
    } else {
      parallel_walk(cwd, out).run(path, found);
    }
    std::sort(found.begin(), found.end(),
              [](found_file const& a, found_file const& b) { return a.path < b.path; });
    for (auto& f : found)
      out.files.push_back(std::move(f));
  }
  return out;
}

} // namespace poolcheck::cli
