// Atomic file replacement with POSIX calls: temp file, fsync, rename, fsync of the folder.
#include "fix/atomic_write.hpp"

#include "core/fault_injection.hpp"
#include "fix/artifact_names.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <optional>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <variant>

namespace poolcheck::fixes {
namespace {

// A temporary file not locked by a live writer and older than this is left from a crash or kill.
constexpr int stale_after_seconds = 60;

enum class fault_step { after_temp_write, before_fsync, before_rename };

/// Simulated crash for tests: exits without unwinding, so nothing gets cleaned up.
void maybe_crash(fault_step step) {
  constexpr std::string_view names[] = {"after-temp-write", "before-fsync", "before-rename"};
  if (fault_injected(names[static_cast<int>(step)]))
    std::_Exit(70);
}

/// Simulated editor save for tests (POOLCHECK_FAULT=saved-before-rename): the same bytes written
/// to a new file renamed over `target`, as editors save, between the byte comparison and the
/// rename, with the old file's times: only the file's identity (its inode) can tell.
void maybe_saved_over(std::string const& target, std::string_view bytes) {
  struct stat before = {};
  if (!fault_injected("saved-before-rename") || ::stat(target.c_str(), &before) != 0)
    return;
  std::string const saved = target + "~";
  if (std::FILE* f = std::fopen(saved.c_str(), "wb")) {
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
    struct timespec const times[2] = {before.st_atim, before.st_mtim};
    ::utimensat(AT_FDCWD, saved.c_str(), times, 0);
    std::rename(saved.c_str(), target.c_str());
  }
}

problem failure(std::string const& path, int err) {
  return problem{"cannot write " + path + ": " + std::strerror(err), std::nullopt};
}

std::string folder_of(std::string const& file) {
  auto slash = file.rfind('/');
  if (slash == std::string::npos)
    return ".";
  if (slash == 0)
    return "/";
  return file.substr(0, slash);
}

std::string name_of(std::string const& file) {
  auto slash = file.rfind('/');
  return slash == std::string::npos ? file : file.substr(slash + 1);
}

/// Writes all of `bytes`, resuming after signals and short writes. Returns 0 or an errno value.
int write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return errno;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

int fsync_retrying(int fd) {
  while (::fsync(fd) != 0) {
    if (errno != EINTR)
      return errno;
  }
  return 0;
}

int open_retrying(char const* path, int flags) {
  int fd = -1;
  do {
    fd = ::open(path, flags);
  } while (fd < 0 && errno == EINTR);
  return fd;
}

/// Whether `file` holds exactly `expected`. Returns 0 and sets `same` and `read` (the file's
/// identity, size and modification time as it was read), or an errno value.
int holds_exactly(std::string const& file, std::string_view expected, bool& same,
                  struct stat& read) {
  int fd = open_retrying(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return errno;
  if (::fstat(fd, &read) != 0) {
    int err = errno;
    ::close(fd);
    return err;
  }
  same = true;
  std::size_t offset = 0;
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return err;
    }
    if (n == 0)
      break;
    auto got = static_cast<std::size_t>(n);
    if (offset + got > expected.size() || std::memcmp(buffer, expected.data() + offset, got) != 0) {
      same = false;
      break;
    }
    offset += got;
  }
  ::close(fd);
  if (offset != expected.size())
    same = false;
  return 0;
}

/// Whether `file` is still the one `read` describes: same inode, size and modification time.
bool unchanged_since(std::string const& file, struct stat const& read) {
  struct stat now = {};
  return ::stat(file.c_str(), &now) == 0 && now.st_dev == read.st_dev &&
         now.st_ino == read.st_ino && now.st_size == read.st_size &&
         now.st_mtim.tv_sec == read.st_mtim.tv_sec && now.st_mtim.tv_nsec == read.st_mtim.tv_nsec;
}

/// Whether `entry_name` has the shape of a temporary copy of `name` (see temp_name).
bool is_temp_of(std::string_view entry_name, std::string const& name) {
  temp_pattern const t = temp_name(name);
  std::size_t const x = t.pattern.size() - static_cast<std::size_t>(t.suffix_size) - 6;
  return entry_name.size() == t.pattern.size() &&
         entry_name.substr(0, x) == std::string_view(t.pattern).substr(0, x) &&
         entry_name.substr(x + 6) == std::string_view(t.pattern).substr(x + 6);
}

/// Best effort: a crashed or killed earlier run may have left temp files next to the target; they
/// hold secrets and would pile up. A live writer holds a lock on its temp file, so only unlocked
/// ones of the exact shape for this target, a minute old or more, are removed: two runs fixing one
/// file at once never delete each other's.
void remove_stale_temps(std::string const& folder, std::string const& name) {
  DIR* dir = ::opendir(folder.c_str());
  if (dir == nullptr)
    return;
  while (dirent* entry = ::readdir(dir)) {
    if (!is_temp_of(entry->d_name, name))
      continue;
    int fd = ::openat(::dirfd(dir), entry->d_name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
      continue;
    struct stat st = {};
    bool const stale = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
                       ::time(nullptr) - st.st_mtime >= stale_after_seconds &&
                       ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    if (stale)
      ::unlinkat(::dirfd(dir), entry->d_name, 0);
    ::close(fd);
  }
  ::closedir(dir);
}

/// The POSIX access ACL of `file` (empty when it has none, or its file system has no ACLs), or
/// an errno value when it has one that cannot be read.
std::variant<std::string, int> access_acl(std::string const& file) {
  char const* const name = "system.posix_acl_access";
  for (;;) {
    ssize_t const size = ::getxattr(file.c_str(), name, nullptr, 0);
    if (size < 0)
      return errno == ENODATA || errno == ENOTSUP ? std::variant<std::string, int>(std::string())
                                                  : std::variant<std::string, int>(errno);
    std::string acl(static_cast<std::size_t>(size), '\0');
    ssize_t const n = ::getxattr(file.c_str(), name, acl.data(), acl.size());
    if (n >= 0) {
      acl.resize(static_cast<std::size_t>(n));
      return acl;
    }
    if (errno != ERANGE) // ERANGE: it grew in between; ask again
      return errno;
  }
}

/// A temp file being filled; removed on destruction unless it was renamed into place.
class temp_file {
public:
  temp_file() = default;
  temp_file(temp_file const&) = delete;
  temp_file& operator=(temp_file const&) = delete;

  ~temp_file() {
    close();
    if (!path_.empty() && !renamed_)
      ::unlink(path_.c_str());
  }

  /// Creates a temporary copy of `name` in `folder` (see temp_name), locked while this process
  /// lives, filled with `bytes` and synced, with the owner, group, permission bits and access ACL
  /// of `like` (`acl`). Returns 0 or an errno value.
  int create(std::string const& folder, std::string const& name, std::string_view bytes,
             struct stat const& like, std::string const& acl) {
    temp_pattern t = temp_name(name);
    std::string pattern = folder + "/" + t.pattern;
    fd_ = ::mkostemps(pattern.data(), t.suffix_size, O_CLOEXEC);
    if (fd_ < 0)
      return errno;
    path_ = pattern;
    (void)::flock(fd_, LOCK_EX); // tells remove_stale_temps of another run that this one lives
    if (int err = write_all(fd_, bytes))
      return err;
    maybe_crash(fault_step::after_temp_write);
    // Owner first: chown may clear set-id bits that the chmod below must restore. Only root can
    // give a file away; a group the writer belongs to anyone can set.
    uid_t const owner = ::geteuid() == 0 ? like.st_uid : static_cast<uid_t>(-1);
    if (::fchown(fd_, owner, like.st_gid) != 0)
      return errno;
    if (::fchmod(fd_, like.st_mode & 07777) != 0)
      return errno;
    if (!acl.empty() && ::fsetxattr(fd_, "system.posix_acl_access", acl.data(), acl.size(), 0) != 0)
      return errno;
    maybe_crash(fault_step::before_fsync);
    if (int err = fsync_retrying(fd_))
      return err;
    return close();
  }

  /// Returns 0 or an errno value.
  int rename_to(std::string const& target) {
    if (::rename(path_.c_str(), target.c_str()) != 0)
      return errno;
    renamed_ = true;
    return 0;
  }

private:
  int close() {
    if (fd_ < 0)
      return 0;
    // No retry on EINTR: Linux releases the descriptor anyway, and a retry could close another.
    int rc = ::close(fd_);
    fd_ = -1;
    return rc == 0 ? 0 : errno;
  }

  std::string path_;
  int fd_ = -1;
  bool renamed_ = false;
};

/// Why a file must not be rewritten in place, if it must not: what the rename would change beyond
/// the bytes. Root passes every permission check, so read-only is read from the mode bits: a file
/// or folder no one may write is the user asking poolcheck not to.
std::optional<problem> refusal(std::string const& path, std::string const& folder,
                               struct stat const& file) {
  auto refuse = [&](std::string why) {
    return problem{"cannot write " + path + ": " + why + "; not written", std::nullopt};
  };
  if (file.st_nlink > 1)
    return refuse("it has " + std::to_string(file.st_nlink) +
                  " hard links, and a rewrite would leave the others with the old text");
  if ((file.st_mode & 0222) == 0)
    return refuse("it is read-only");
  struct stat dir = {};
  if (::stat(folder.c_str(), &dir) == 0 && (dir.st_mode & 0222) == 0)
    return refuse("its folder is read-only");
  if (::geteuid() != 0 && file.st_uid != ::geteuid())
    return refuse("it belongs to another user, and a rewrite would make it yours");
  if (::faccessat(AT_FDCWD, path.c_str(), W_OK, AT_EACCESS) != 0)
    return failure(path, errno);
  return std::nullopt;
}

/// Makes the renames durable. Some filesystems cannot sync a folder (EINVAL); that is not an error.
int sync_folder(std::string const& folder) {
  int fd = open_retrying(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return errno;
  int err = fsync_retrying(fd);
  ::close(fd);
  return err == EINVAL ? 0 : err;
}

} // namespace

result<void> write_atomically(std::string const& path, std::string_view expected_original,
                              std::string_view content, write_options const& o) {
  if (path.empty())
    return problem{"cannot write an empty path", std::nullopt};

  // The rename must replace the final target of a symlink, not the link itself.
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr)
    return failure(path, errno);
  std::string target = resolved;
  std::free(resolved);

  struct stat original = {};
  if (::stat(target.c_str(), &original) != 0)
    return failure(path, errno);
  if (!S_ISREG(original.st_mode))
    return problem{"cannot write " + path + ": not a regular file", std::nullopt};
  std::string folder = folder_of(target);
  std::string name = name_of(target);
  if (auto refused = refusal(path, folder, original))
    return *refused;
  auto const read_acl = access_acl(target);
  if (auto const* err = std::get_if<int>(&read_acl))
    return failure(path, *err); // an ACL that could not be copied would be lost
  std::string const& acl = std::get<std::string>(read_acl);

  remove_stale_temps(folder, name);
  temp_file replacement;
  if (int err = replacement.create(folder, name, content, original, acl))
    return failure(path, err);

  // The backup sits next to the path the user named (a link's backup is beside the link).
  std::string backup_path = folder_of(path) + "/" + backup_name(name_of(path));
  std::string backup_folder = folder_of(backup_path);
  temp_file backup;
  if (o.backup) {
    remove_stale_temps(backup_folder, name_of(backup_path));
    if (int err =
            backup.create(backup_folder, name_of(backup_path), expected_original, original, acl))
      return failure(backup_path, err);
  }

  // Checked as late as possible: an editor may have saved the file while we were working. The
  // bytes are compared, then, right before the rename, the file's identity and time.
  bool same = false;
  struct stat read = {};
  if (int err = holds_exactly(target, expected_original, same, read))
    return problem{"cannot read " + path + ": " + std::strerror(err), std::nullopt};
  if (!same)
    return problem{path + " changed since it was read; not written", std::nullopt};

  if (o.backup) {
    if (int err = backup.rename_to(backup_path))
      return failure(backup_path, err);
  }
  maybe_crash(fault_step::before_rename);
  maybe_saved_over(target, expected_original);
  if (!unchanged_since(target, read))
    return problem{path + " changed since it was read; not written", std::nullopt};
  if (int err = replacement.rename_to(target))
    return failure(path, err);

  if (int err = sync_folder(folder))
    return problem{"wrote " + path + " but could not sync its folder: " + std::strerror(err),
                   std::nullopt};
  if (o.backup && backup_folder != folder) {
    if (int err = sync_folder(backup_folder))
      return problem{"wrote " + backup_path +
                         " but could not sync its folder: " + std::strerror(err),
                     std::nullopt};
  }
  return {};
}

} // namespace poolcheck::fixes
