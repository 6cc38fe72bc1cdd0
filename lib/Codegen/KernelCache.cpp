//===- KernelCache.cpp - compiled kernels cached on disk ------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/KernelCache.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Errc.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <vector>

using namespace accel::codegen;
namespace fs = llvm::sys::fs;

namespace {
/// Every entry starts with this line and the digest of what follows.
constexpr llvm::StringLiteral kMagic = "accel-kernel-cache-v1 ";
constexpr llvm::StringLiteral kExtension = ".entry";

std::string digest(llvm::StringRef data) {
  return llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef(data)),
                     /*LowerCase=*/true);
}

std::optional<std::string> getEnvironment(const char *name) {
  if (const char *value = std::getenv(name))
    return std::string(value);
  return std::nullopt;
}
} // namespace

KernelCache::KernelCache(std::string directory, uint64_t maxBytes,
                         bool verbose)
    : directory(std::move(directory)), maxBytes(maxBytes), verbose(verbose) {}

KernelCache KernelCache::fromEnvironment() {
  bool verbose = getEnvironment("ACCEL_KERNEL_CACHE_VERBOSE").value_or("0") != "0";
  if (getEnvironment("ACCEL_KERNEL_CACHE").value_or("1") == "0")
    return KernelCache("", 0, verbose);
  uint64_t maxBytes = 512ull << 20;
  if (std::optional<std::string> mb = getEnvironment("ACCEL_KERNEL_CACHE_MAX_MB")) {
    char *end = nullptr;
    double value = std::strtod(mb->c_str(), &end);
    if (end != mb->c_str() && value >= 0)
      maxBytes = static_cast<uint64_t>(value * 1024 * 1024);
  }
  std::string directory;
  if (std::optional<std::string> dir = getEnvironment("ACCEL_KERNEL_CACHE_DIR")) {
    directory = *dir;
  } else {
    llvm::SmallString<256> path;
    if (std::optional<std::string> xdg = getEnvironment("XDG_CACHE_HOME");
        xdg && !xdg->empty())
      path = *xdg;
    else if (std::optional<std::string> home = getEnvironment("HOME");
             home && !home->empty())
      llvm::sys::path::append(path, *home, ".cache");
    if (!path.empty()) {
      llvm::sys::path::append(path, "accel", "kernels");
      directory = std::string(path);
    }
  }
  return KernelCache(directory, maxBytes, verbose);
}

std::string KernelCache::computeKey(llvm::ArrayRef<llvm::StringRef> parts) {
  llvm::SHA256 hash;
  for (llvm::StringRef part : parts) {
    std::string length = std::to_string(part.size()) + ":";
    hash.update(length);
    hash.update(part);
  }
  return llvm::toHex(hash.final(), /*LowerCase=*/true);
}

std::optional<std::string> KernelCache::lookup(llvm::StringRef key) const {
  if (!isEnabled())
    return std::nullopt;
  llvm::SmallString<256> path(directory);
  llvm::sys::path::append(path, key + kExtension);
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer) {
    if (verbose)
      llvm::errs() << "accel: kernel cache miss " << key << "\n";
    return std::nullopt;
  }
  llvm::StringRef data = (*buffer)->getBuffer();
  auto [header, artifact] = data.split('\n');
  if (!header.consume_front(kMagic) || header != digest(artifact)) {
    if (verbose)
      llvm::errs() << "accel: kernel cache entry " << key
                   << " is corrupt; compiling again\n";
    fs::remove(path);
    return std::nullopt;
  }
  // Recently used entries are the last to be trimmed.
  if (int fd; !fs::openFileForWrite(path, fd, fs::CD_OpenExisting, fs::OF_Append)) {
    (void)fs::setLastAccessAndModificationTime(fd, std::chrono::system_clock::now());
    llvm::sys::Process::SafelyCloseFileDescriptor(fd);
  }
  if (verbose)
    llvm::errs() << "accel: kernel cache hit " << key << "\n";
  return artifact.str();
}

void KernelCache::store(llvm::StringRef key, llvm::StringRef artifact) const {
  if (!isEnabled() || fs::create_directories(directory))
    return;
  llvm::SmallString<256> path(directory), temporary;
  llvm::sys::path::append(path, key + kExtension);
  // A unique name in the same directory, then an atomic rename: a reader
  // sees no entry or a whole one.
  llvm::SmallString<256> model(directory);
  llvm::sys::path::append(model, key + ".%%%%%%%%.tmp");
  int fd;
  if (fs::createUniqueFile(model, fd, temporary))
    return;
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << kMagic << digest(artifact) << "\n" << artifact;
    if (os.has_error()) {
      os.clear_error();
      fs::remove(temporary);
      return;
    }
  }
  if (fs::rename(temporary, path)) {
    fs::remove(temporary);
    return;
  }
  if (verbose)
    llvm::errs() << "accel: kernel cache stored " << key << "\n";

  // Trim to the size limit, oldest first (another process trimming at the
  // same time only removes more).
  struct Entry {
    std::string path;
    uint64_t size;
    llvm::sys::TimePoint<> time;
  };
  std::vector<Entry> entries;
  uint64_t total = 0;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; it != end && !ec;
       it.increment(ec)) {
    if (!llvm::StringRef(it->path()).ends_with(kExtension))
      continue;
    fs::file_status status;
    if (fs::status(it->path(), status))
      continue;
    entries.push_back({it->path(), status.getSize(),
                       status.getLastModificationTime()});
    total += status.getSize();
  }
  std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
    return a.time != b.time ? a.time < b.time : a.path < b.path;
  });
  for (const Entry &entry : entries) {
    if (total <= maxBytes)
      break;
    if (entry.path == path.str())
      continue;
    if (!fs::remove(entry.path)) {
      total -= entry.size;
      if (verbose)
        llvm::errs() << "accel: kernel cache evicted "
                     << llvm::sys::path::filename(entry.path) << "\n";
    }
  }
}
