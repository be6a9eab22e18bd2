// Atomic file replacement with POSIX calls: temp file, fsync, rename, fsync of the folder.
#include "fix/atomic_write.hpp"

#include "core/fault_injection.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace poolcheck::fixes {
namespace {

constexpr std::string_view temp_marker = ".poolcheck-";
constexpr std::size_t temp_suffix_size = 6; // the XXXXXX of mkstemp

enum class fault_step { after_temp_write, before_fsync, before_rename };

/// Simulated crash for tests: exits without unwinding, so nothing gets cleaned up.
void maybe_crash(fault_step step) {
  constexpr std::string_view names[] = {"after-temp-write", "before-fsync", "before-rename"};
  if (fault_injected(names[static_cast<int>(step)]))
    std::_Exit(70);
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

std::string temp_prefix(std::string const& name) {
  return "." + name + std::string(temp_marker);
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

/// Whether `file` holds exactly `expected`. Returns 0 and sets `same`, or an errno value.
int holds_exactly(std::string const& file, std::string_view expected, bool& same) {
  int fd = open_retrying(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return errno;
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

/// Best effort: a crashed earlier run may have left temp files next to the target; they hold
/// secrets and would pile up. Only names of the exact mkstemp shape for this target are removed.
void remove_stale_temps(std::string const& folder, std::string const& name) {
  DIR* dir = ::opendir(folder.c_str());
  if (dir == nullptr)
    return;
  std::string prefix = temp_prefix(name);
  while (dirent* entry = ::readdir(dir)) {
    std::string_view entry_name = entry->d_name;
    if (entry_name.size() != prefix.size() + temp_suffix_size ||
        entry_name.substr(0, prefix.size()) != prefix)
      continue;

    struct stat st = {};
    if (::fstatat(::dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(st.st_mode))
      continue;
    ::unlinkat(::dirfd(dir), entry->d_name, 0);
  }
  ::closedir(dir);
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

  /// Creates `.<name>.poolcheck-XXXXXX` in `folder`, filled with `bytes` and synced, with the
  /// permission bits (and, as root, owner) of `like`. Returns 0 or an errno value.
  int create(std::string const& folder, std::string const& name, std::string_view bytes,
             struct stat const& like) {
    std::string pattern = folder + "/" + temp_prefix(name) + "XXXXXX";
    fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd_ < 0)
      return errno;
    path_ = pattern;
    if (int err = write_all(fd_, bytes))
      return err;
    maybe_crash(fault_step::after_temp_write);
    // Owner first: chown may clear set-id bits that the chmod below must restore.
    if (::geteuid() == 0)
      (void)::fchown(fd_, like.st_uid, like.st_gid);
    if (::fchmod(fd_, like.st_mode & 07777) != 0)
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
  // The folder alone decides whether rename works; a read-only file is the user asking us not to.
  if (::faccessat(AT_FDCWD, target.c_str(), W_OK, AT_EACCESS) != 0)
    return failure(path, errno);

  std::string folder = folder_of(target);
  std::string name = name_of(target);
  remove_stale_temps(folder, name);

  temp_file replacement;
  if (int err = replacement.create(folder, name, content, original))
    return failure(path, err);

  // The backup sits next to the path the user named (a link's backup is beside the link).
  std::string backup_path = path + ".bak";
  std::string backup_folder = folder_of(backup_path);
  temp_file backup;
  if (o.backup) {
    remove_stale_temps(backup_folder, name_of(backup_path));
    if (int err = backup.create(backup_folder, name_of(backup_path), expected_original, original))
      return failure(backup_path, err);
  }

  // Checked as late as possible: an editor may have saved the file while we were working.
  bool same = false;
  if (int err = holds_exactly(target, expected_original, same))
    return problem{"cannot read " + path + ": " + std::strerror(err), std::nullopt};
  if (!same)
    return problem{path + " changed since it was read; not written", std::nullopt};

  if (o.backup) {
    if (int err = backup.rename_to(backup_path))
      return failure(backup_path, err);
  }
  maybe_crash(fault_step::before_rename);
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
