//===- Calibration.cpp - activation ranges for static scales --------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/Transforms/Calibration.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <limits>

using namespace accel;

namespace {
constexpr int64_t kFormatVersion = 1;

llvm::Error fail(llvm::StringRef path, const llvm::Twine &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "calibration file '" + path + "': " + what);
}
} // namespace

void CalibrationTable::record(llvm::StringRef location, double absmax) {
  auto [it, inserted] = absmaxByLocation.try_emplace(location, absmax);
  if (!inserted)
    it->second = std::max(it->second, absmax);
}

std::optional<double> CalibrationTable::lookup(llvm::StringRef location) const {
  auto exact = absmaxByLocation.find(location);
  if (exact != absmaxByLocation.end())
    return exact->second;
  std::optional<double> found;
  // "name.mlir:12:8" of "some/dir/name.mlir:12:8".
  llvm::StringRef wanted = llvm::sys::path::filename(location);
  for (const auto &entry : absmaxByLocation) {
    if (llvm::sys::path::filename(entry.getKey()) != wanted)
      continue;
    if (found)
      return std::nullopt; // ambiguous
    found = entry.second;
  }
  return found;
}

std::string accel::getCalibrationKey(mlir::Location loc) {
  std::string key;
  loc->walk([&](mlir::Location nested) {
    if (auto file = llvm::dyn_cast<mlir::FileLineColLoc>(nested)) {
      key = (file.getFilename().strref() + ":" + llvm::Twine(file.getLine()) +
             ":" + llvm::Twine(file.getColumn()))
                .str();
      return mlir::WalkResult::interrupt();
    }
    return mlir::WalkResult::advance();
  });
  return key;
}

llvm::Expected<CalibrationTable> accel::readCalibrationFile(llvm::StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return fail(path, buffer.getError().message());
  llvm::Expected<llvm::json::Value> json =
      llvm::json::parse((*buffer)->getBuffer());
  if (!json)
    return fail(path, llvm::toString(json.takeError()));
  const llvm::json::Object *root = json->getAsObject();
  std::optional<int64_t> version =
      root ? root->getInteger("accel-calibration") : std::nullopt;
  if (!version || *version != kFormatVersion)
    return fail(path, "not an accel calibration file of version 1 (expected "
                      "{\"accel-calibration\": 1, \"activations\": [...]})");
  const llvm::json::Array *activations = root->getArray("activations");
  if (!activations)
    return fail(path, "no \"activations\" array");
  CalibrationTable table;
  for (auto [i, entry] : llvm::enumerate(*activations)) {
    const llvm::json::Object *object = entry.getAsObject();
    std::optional<llvm::StringRef> location =
        object ? object->getString("location") : std::nullopt;
    std::optional<double> absmax =
        object ? object->getNumber("absmax") : std::nullopt;
    if (!location || !absmax)
      return fail(path, "activation " + llvm::Twine(i) +
                            " needs a \"location\" string and an \"absmax\" "
                            "number");
    if (!std::isfinite(*absmax) || *absmax < 0 ||
        *absmax > std::numeric_limits<float>::max()) {
      std::string value;
      llvm::raw_string_ostream(value) << *absmax;
      return fail(path, "activation " + llvm::Twine(i) + " (" + *location +
                            ") has absmax " + value +
                            "; it must be non-negative and finite in f32");
    }
    table.record(*location, *absmax);
  }
  return table;
}

llvm::Error accel::writeCalibrationFile(llvm::StringRef path,
                                        const CalibrationTable &table) {
  std::vector<std::string> keys;
  for (const auto &entry : table.absmaxByLocation)
    keys.push_back(entry.getKey().str());
  llvm::sort(keys);
  llvm::json::Array activations;
  for (const std::string &key : keys)
    activations.push_back(llvm::json::Object{
        {"location", key}, {"absmax", table.absmaxByLocation.lookup(key)}});
  llvm::json::Object root{{"accel-calibration", kFormatVersion},
                          {"activations", std::move(activations)}};
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Text);
  if (ec)
    return fail(path, ec.message());
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(root))) << "\n";
  os.close();
  if (os.has_error()) {
    std::error_code error = os.error();
    os.clear_error();
    return fail(path, error.message());
  }
  return llvm::Error::success();
}
