//===- CrashHandler.cpp - a short report when a tool crashes --------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Tools/CrashHandler.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <execinfo.h>
#include <unistd.h>

static llvm::cl::opt<bool> crashTrace(
    "accel-crash-trace",
    llvm::cl::desc("on a crash, print LLVM's full stack trace instead of "
                   "accel's short report"),
    llvm::cl::init(false));

namespace {
struct CrashState {
  char toolName[64] = "accel";
};
} // namespace

static CrashState state;

/// The shared object (or executable) that `address` belongs to.
static const char *objectOf(void *address) {
  Dl_info info;
  if (!dladdr(address, &info) || !info.dli_fname)
    return nullptr;
  return info.dli_fname;
}

static bool isUpstreamLibrary(const char *path) {
  return path && (std::strstr(path, "libMLIR") || std::strstr(path, "libLLVM"));
}

/// The first frame past the signal trampoline: where the crash happened.
/// Frames 0.. are this handler, LLVM's signal handler (libLLVM) and libc's
/// sigreturn trampoline.
static void *findCrashSite() {
  void *frames[32];
  int count = backtrace(frames, 32);
  for (int i = 1; i + 1 < count; ++i) {
    const char *object = objectOf(frames[i]);
    if (object && std::strstr(object, "libc.so"))
      return frames[i + 1];
  }
  return nullptr;
}

static void printShortReport(void *) {
  llvm::raw_ostream &os = llvm::errs();
  const char *env = std::getenv("ACCEL_CRASH_TRACE");
  if (crashTrace || (env && *env && std::strcmp(env, "0") != 0))
    return; // LLVM's handlers, registered after this one, print it all

  os << state.toolName << ": internal error: the tool crashed";
  void *site = findCrashSite();
  const char *object = site ? objectOf(site) : nullptr;
  if (object) {
    const char *base = std::strrchr(object, '/');
    os << " in " << (base ? base + 1 : object);
  }
  os << "\n";
  // What the tool was doing (innermost first), as MLIR records it.
  const void *head = llvm::SavePrettyStackState();
  for (auto *entry = static_cast<const llvm::PrettyStackTraceEntry *>(head);
       entry; entry = entry->getNextEntry()) {
    os << "  while: ";
    entry->print(os);
  }
  if (isUpstreamLibrary(object))
    os << "This is a bug in the LLVM/MLIR libraries accel links (upstream), "
          "reached by this input; docs/known-issues.md lists the known ones "
          "with their reproducers.\n";
  else
    os << "This is a bug in accel; please report it with the input.\n";
  os << "Rerun with --accel-crash-trace (or ACCEL_CRASH_TRACE=1) for the full "
        "stack trace.\n";
  os.flush();
  _exit(70);
}

void accel::installCrashHandler(llvm::StringRef toolName, const char *argv0) {
  size_t length = std::min(toolName.size(), sizeof(state.toolName) - 1);
  std::memcpy(state.toolName, toolName.data(), length);
  state.toolName[length] = 0;
  // First in the list of crash callbacks: it runs before LLVM's stack
  // printers (which InitLLVM, MlirOptMain and mlirTranslateMain install)
  // and ends the process unless the full trace was asked for.
  llvm::sys::AddSignalHandler(printShortReport, nullptr);
  llvm::sys::PrintStackTraceOnErrorSignal(argv0);
}
